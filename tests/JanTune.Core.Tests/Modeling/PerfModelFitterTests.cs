using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Modeling;

public sealed class PerfModelFitterTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_SimulatedCpuSweep_CrossValidatedErrorIsReportedAndBounded()
    {
        // Given a full simulated CPU sweep on a machine with a thread knee, cache cliffs and outliers
        var sim = SimulatedMachine.Cpu();
        var results = sim.MeasureAll(SimulatedMachine.CpuGrid());

        // When the model is fitted
        var model = PerfModelFitter.Fit(results, "sim");

        // Then every target that was measured reports a 5-fold CV MAPE, bounded though the machine is outside the model's family
        foreach (var t in model.Targets)
        {
            output.WriteLine($"{t.Backend} {t.Target}: CV MAPE {t.CvMape:P2} over {t.Folds} folds, t_sat {t.ThreadSaturation}; {t.Summary}");
        }

        Assert.Equal(4, model.Targets.Count); // no VRAM on a CPU sweep
        Assert.All(model.Targets, t => Assert.Equal(5, t.Folds));
        Assert.True(model.Find(PerfTarget.GenerationTokensPerSecond, "cpu")!.CvMape < 0.25);
        Assert.True(model.Find(PerfTarget.PromptTokensPerSecond, "cpu")!.CvMape < 0.25);
        Assert.True(model.Find(PerfTarget.PeakRamBytes, "cpu")!.CvMape < 0.03);
    }

    [Theory]
    [InlineData(PerfTarget.GenerationTokensPerSecond)]
    [InlineData(PerfTarget.PromptTokensPerSecond)]
    public void Fit_MachineOutsideTheModelFamily_CrossValidatedErrorIsNotOptimistic(PerfTarget target)
    {
        // Given a sweep of a quarter of the grid on the simulated CPU machine (knee, cliffs, outliers)
        var sim = SimulatedMachine.Cpu(seed: 3);
        var grid = SimulatedMachine.CpuGrid();
        var model = PerfModelFitter.Fit(sim.MeasureAll(grid.Where((_, i) => i % 4 == 0)), "sim");

        // When its CV error is compared with its true error on the configurations it never saw
        Func<TrialConfig, double> truth = target == PerfTarget.GenerationTokensPerSecond ? sim.TrueGeneration : sim.TruePrompt;
        var unseen = grid.Where((_, i) => i % 4 != 0).ToList();
        var trueError = unseen.Average(c => Math.Abs(model.Predict(target, c, sim.Facts)!.Value - truth(c)) / truth(c));
        var cv = model.Find(target, "cpu")!.CvMape;
        output.WriteLine($"{target}: CV MAPE {cv:P1}, true error on unseen configurations {trueError:P1}");

        // Then the uncertainty the search and recommend rely on is not a flattering fraction of the truth
        Assert.True(cv >= 0.5 * trueError, $"CV {cv:P1} vs true {trueError:P1}");
    }

    [Fact]
    public void Folds_RepeatedTrialsAndBothTestsOfAConfig_StayInOneFold()
    {
        // Given every configuration measured twice (pp512 and tg128 each time): four rows per configuration for RAM
        var sim = SimulatedMachine.Cpu();
        var grid = SimulatedMachine.CpuGrid().Take(12).ToList();
        var results = sim.MeasureAll(grid).Concat(sim.MeasureAll(grid)).ToList();
        var rows = PerfModelFitter.Rows(results, PerfTarget.PeakRamBytes, "cpu", null);

        // When the folds are dealt
        var folds = PerfModelFitter.Folds(rows);

        // Then all rows of a configuration share a fold, and there are five folds
        Assert.Equal(48, rows.Count);
        Assert.All(rows.Select((r, i) => (r.Config.Key, Fold: folds[i])).GroupBy(p => p.Key), g => Assert.Single(g.Select(p => p.Fold).Distinct()));
        Assert.Equal(5, folds.Distinct().Count());
    }

    [Fact]
    public void Folds_FewerThanSixConfigurationsHoweverManyTrials_NotCrossValidated()
    {
        var sim = SimulatedMachine.Cpu();
        var grid = SimulatedMachine.CpuGrid().Take(5).ToList();
        var results = Enumerable.Range(0, 4).SelectMany(_ => sim.MeasureAll(grid)).ToList();

        var model = PerfModelFitter.Fit(results, "sim");

        var gen = model.Find(PerfTarget.GenerationTokensPerSecond, "cpu")!;
        Assert.Equal(20, gen.Samples);
        Assert.Equal(0, gen.Folds);
        Assert.True(double.IsNaN(gen.CvMape));
    }

    [Fact]
    public void Fit_SimulatedCudaSweep_FindsTheOutputLayerJump()
    {
        // Given a simulated CUDA sweep over NGL 0..L+1
        var sim = SimulatedMachine.Cuda();
        var grid = SimulatedMachine.CudaGrid();
        var model = PerfModelFitter.Fit(sim.MeasureAll(grid), "sim");
        foreach (var t in model.Targets)
        {
            output.WriteLine($"{t.Backend} {t.Target}: CV MAPE {t.CvMape:P2}; {t.Summary}");
        }

        // When NGL = L (output layer on the CPU) and NGL = L + 1 are predicted
        var layers = grid.First(c => c.GpuLayers == 32 && c.Threads == 16);
        var all = layers with { GpuLayers = 33 };
        var atL = model.Predict(PerfTarget.GenerationTokensPerSecond, layers, sim.Facts)!.Value;
        var atAll = model.Predict(PerfTarget.GenerationTokensPerSecond, all, sim.Facts)!.Value;

        // Then the model shows the jump the ground truth has (~2x), and VRAM is modelled too
        Assert.True(atAll > 1.6 * atL, $"predicted {atL:F0} -> {atAll:F0} t/s");
        Assert.True(model.Find(PerfTarget.GenerationTokensPerSecond, "cuda")!.CvMape < 0.30);
        Assert.NotNull(model.Find(PerfTarget.PeakVramBytes, "cuda"));
    }

    [Fact]
    public void Fit_FourTrials_FallsBackToFewerTermsAndSaysSo()
    {
        var sim = SimulatedMachine.Cpu();
        var results = sim.MeasureAll(SimulatedMachine.CpuGrid().Where((_, i) => i % 32 == 0));

        var model = PerfModelFitter.Fit(results, "sim");

        var gen = model.Find(PerfTarget.GenerationTokensPerSecond, "cpu")!;
        Assert.Contains("thin data", gen.Summary, StringComparison.Ordinal);
        Assert.True(gen.Coefficients.Count <= 2);
    }
}
