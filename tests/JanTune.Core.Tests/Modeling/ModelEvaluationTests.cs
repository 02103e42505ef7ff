using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Modeling;

public sealed class ModelEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void CrossValidate_SimulatedCpu_ScoresEveryFamilyPerTargetAndChoosesWhatTheFitterChooses()
    {
        // Given half the simulated CPU grid (64 configurations, pp and tg each)
        var sim = SimulatedMachine.Cpu(seed: 11);
        var trials = sim.MeasureAll(SimulatedMachine.CpuGrid().Where((_, i) => i % 2 == 0));

        // When the profile is evaluated, and fitted the way recommend fits it
        var evaluations = ModelEvaluation.CrossValidate(trials);
        var model = PerfModelFitter.Fit(trials, "sim");
        foreach (var e in evaluations)
        {
            output.WriteLine($"{e.Target}: {string.Join(", ", e.Families.Select(f => $"{f.Family} {f.CvMape:P2}"))}; chosen {e.Chosen}");
        }

        // Then every CPU target is there (no VRAM on a CPU sweep), each family scored on 5 folds of 64 configurations
        Assert.Equal([PerfTarget.PromptTokensPerSecond, PerfTarget.GenerationTokensPerSecond, PerfTarget.TimeToFirstTokenMs, PerfTarget.PeakRamBytes], evaluations.Select(e => e.Target));
        Assert.All(evaluations, e =>
        {
            Assert.Equal(64, e.Configurations);
            Assert.Equal(5, e.Folds);
            Assert.Equal(Enum.GetValues<ModelFamily>(), e.Families.Select(f => f.Family));
            Assert.All(e.Families, f => Assert.True(double.IsFinite(f.CvMape)));

            // And the figures are the fitter's own: same chosen family, same errors as perf-model.json would store
            var fitted = model.Find(e.Target, "cpu")!;
            Assert.Equal(fitted.Predictor, e.Chosen);
            Assert.Equal(fitted.Families.Select(f => f.CvMape), e.Families.Select(f => f.CvMape));
            Assert.Equal(e.Families.Min(f => f.CvMape), e.Mape(e.Chosen));
        });
    }

    [Fact]
    public void Filtered_SimulatedH200HalfToAll_SameErrorsAsTheHalfToFullCheckAndOneEntryPerHeldOutConfiguration()
    {
        // Given a simulated CUDA sweep of the 7B (NGL 0..33 × threads × ubatch × flash attention: 12 configurations per NGL)
        var sim = SimulatedMachine.Cuda(seed: 5);
        var trials = sim.MeasureAll(SimulatedMachine.CudaGrid());

        // When each family is trained on NGL <= half and predicts full offload, and then every other NGL
        var full = Extrapolation.Filtered(trials, TrialFilter.Parse("ngl<=half"), TrialFilter.Parse("ngl=all"));
        var rest = Extrapolation.Filtered(trials, TrialFilter.Parse("ngl <= half"));

        // Then predicting full offload is exactly the existing half-to-full check (same training, same trials scored)
        var reference = Extrapolation.HalfToFullOffload(trials);
        Assert.Equal(reference.Select(e => (e.Target, e.Family, e.TrainConfigs, e.TestConfigs, e.Mape)), full.Select(e => (e.Target, e.Family, e.TrainConfigs, e.TestConfigs, e.Mape)));

        // And held out on everything else, each family reports the 60 configurations with NGL 24..33, one entry each
        var gen = rest.Where(e => e.Target == PerfTarget.GenerationTokensPerSecond).ToList();
        Assert.Equal(Enum.GetValues<ModelFamily>(), gen.Select(e => e.Family));
        Assert.All(gen, e =>
        {
            Assert.Equal(48, e.TrainConfigs);
            Assert.Equal(48, e.TrainRows);
            Assert.Equal(60, e.Configurations.Count);
            Assert.All(e.Configurations, c => Assert.True(c.Config.GpuLayers > 16));

            // And with one tg128 row per configuration, the overall error is the mean of the per-configuration ones
            Assert.Equal(e.Configurations.Average(c => c.Mape), e.Mape, tolerance: 1e-12 * e.Mape);
        });
        foreach (var e in rest.Concat(full))
        {
            output.WriteLine($"{e.Target} {e.Family}: {e.Mape:P1} on {e.TestConfigs} configurations");
        }

        foreach (var c in gen[0].Configurations.Where(c => c.Config.Threads == 8 && c.Config.UBatchSize == 512 && c.Config.FlashAttention == FlashAttention.On))
        {
            output.WriteLine($"{c.Label}: measured {c.Measured:F0}, physical {c.Predicted:F0} t/s ({c.Mape:P1})");
        }
    }

    [Theory]
    [InlineData("ngl<=half", 16, true)]
    [InlineData("ngl<=half", 17, false)]
    [InlineData("ngl=all", -1, true)]
    [InlineData("ngl=all", 33, true)]
    [InlineData("ngl=all", 32, false)]
    [InlineData("ngl>=32,model=synthetic-7b", 32, true)]
    [InlineData("model=1b", 0, false)]
    [InlineData("threads<=4, ngl!=0", 8, true)]
    public void Parse_Clauses_MatchTheOffloadOfEachTrialsOwnModel(string filter, int ngl, bool matches)
    {
        var config = new TrialConfig { Backend = "cuda", ModelPath = "models/synthetic-7b-q4_0.gguf", Quant = "q4_0", GpuLayers = ngl, Threads = 4 };

        Assert.Equal(matches, TrialFilter.Parse(filter).Matches(config, SimulatedMachine.Llama7BQ40));
    }

    [Theory]
    [InlineData("ngl")]
    [InlineData("layers<=4")]
    [InlineData("threads<=half")]
    [InlineData("model<=1b")]
    [InlineData(" , ")]
    public void Parse_Malformed_IsAJanTuneErrorNamingTheClause(string filter)
    {
        var error = Assert.Throws<JanTuneException>(() => TrialFilter.Parse(filter));

        Assert.Contains("trial filter", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }
}
