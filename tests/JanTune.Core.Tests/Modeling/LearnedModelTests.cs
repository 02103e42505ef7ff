using JanTune.Core.Modeling;
using JanTune.Core.Modeling.Learned;
using JanTune.Core.Sweeps;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Modeling;

public sealed class LearnedModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PerfTarget.GenerationTokensPerSecond)]
    [InlineData(PerfTarget.PromptTokensPerSecond)]
    public void Fit_SimulatedMachineOutsideThePhysicalFamily_MlNetBeatsPhysicalAndIsChosen(PerfTarget target)
    {
        // Given half the simulated CPU grid (thread knee past the 2 cores, cache cliffs, outliers: none of it in the physical basis)
        var sim = SimulatedMachine.Cpu(seed: 11);
        var grid = SimulatedMachine.CpuGrid();
        var trials = sim.MeasureAll(grid.Where((_, i) => i % 2 == 0));

        // When the model is fitted with the ML.NET families and without them
        var learned = PerfModelFitter.Fit(trials, "sim").Find(target, "cpu")!;
        var physical = PerfModelFitter.Fit(trials, "sim", learn: false).Find(target, "cpu")!;
        foreach (var s in learned.Families)
        {
            output.WriteLine($"{target} {s.Family}: grouped CV MAPE {s.CvMape:P2} over {s.Folds} folds");
        }

        // Then an ML.NET family's grouped-CV error is below the physical baseline's, and the chooser took the lowest
        var best = learned.Families.OrderBy(s => s.CvMape).First();
        var baseline = learned.Families.Single(s => s.Family == ModelFamily.Physical);
        Assert.Equal(3, learned.Families.Count);
        Assert.NotEqual(ModelFamily.Physical, best.Family);
        Assert.True(best.CvMape < baseline.CvMape, $"{best.Family} {best.CvMape:P2} vs physical {baseline.CvMape:P2}");
        Assert.Equal(best.Family, learned.Predictor);
        Assert.Equal(best.CvMape, learned.CvMape);

        // And the physical baseline in the comparison is the same figure the physical-only fit reports (same folds)
        Assert.Equal(physical.CvMape, baseline.CvMape, 12);

        // And against the simulator's ground truth on the configurations never measured, the chosen model is closer too
        Func<TrialConfig, double> truth = target == PerfTarget.GenerationTokensPerSecond ? sim.TrueGeneration : sim.TruePrompt;
        var unseen = grid.Where((_, i) => i % 2 == 1).ToList();
        var chosenModel = PerfModelFitter.Fit(trials, "sim");
        var physicalModel = PerfModelFitter.Fit(trials, "sim", learn: false);
        double TrueError(PerfModel m) => unseen.Average(c => Math.Abs(m.Predict(target, c, sim.Facts)!.Value - truth(c)) / truth(c));
        output.WriteLine($"{target}: true error on unseen configurations: chosen {TrueError(chosenModel):P2}, physical {TrueError(physicalModel):P2}");
        Assert.True(TrueError(chosenModel) < TrueError(physicalModel));
    }

    [Fact]
    public void GroupedSplits_EveryConfigurationHeldOutOnceAndWhole()
    {
        // Given RAM rows of 12 configurations measured twice (four rows each: pp and tg, twice)
        var sim = SimulatedMachine.Cpu();
        var grid = SimulatedMachine.CpuGrid().Take(12).ToList();
        var rows = PerfModelFitter.Rows(sim.MeasureAll(grid).Concat(sim.MeasureAll(grid)).ToList(), PerfTarget.PeakRamBytes, "cpu", null);
        var folds = PerfModelFitter.Folds(rows);
        var keyed = rows.Select((_, i) => new LearnedRow { Index = i, Fold = (float)((folds[i] + 0.5) / 5) }).ToList();

        // When ML.NET deals its five folds by the sampling key
        var splits = LearnedTrainer.GroupedSplits(PerfTarget.PeakRamBytes, keyed, 5);

        // Then each row is held out exactly once, a configuration's rows are held out together, and train and test are disjoint
        Assert.Equal(5, splits.Count);
        Assert.Equal(Enumerable.Range(0, 48), splits.SelectMany(s => s.Test).Order());
        Assert.All(splits, s =>
        {
            Assert.Empty(s.Train.Intersect(s.Test));
            Assert.Equal(48, s.Train.Length + s.Test.Length);
            var heldOut = s.Test.Select(i => rows[i].Config.Key).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(s.Train, i => heldOut.Contains(rows[i].Config.Key));
        });
    }

    [Fact]
    public void Fit_FiveConfigurations_NoCrossValidationSoThePhysicalModelPredicts()
    {
        var sim = SimulatedMachine.Cpu();
        var trials = Enumerable.Range(0, 3).SelectMany(_ => sim.MeasureAll(SimulatedMachine.CpuGrid().Take(5))).ToList();

        var gen = PerfModelFitter.Fit(trials, "sim").Find(PerfTarget.GenerationTokensPerSecond, "cpu")!;

        Assert.Equal(ModelFamily.Physical, gen.Predictor);
        var only = Assert.Single(gen.Families);
        Assert.True(double.IsNaN(only.CvMape));
        Assert.Null(gen.LearnedModelFile);
    }

    [Fact]
    public void Choose_PhysicalLowestOrTied_ChoosesPhysical()
    {
        Assert.Equal(ModelFamily.Physical, PerfModelFitter.Choose([new(ModelFamily.Physical, 0.05, 5), new(ModelFamily.FastTreeResidual, 0.07, 5), new(ModelFamily.LightGbm, 0.09, 5)]));
        Assert.Equal(ModelFamily.Physical, PerfModelFitter.Choose([new(ModelFamily.FastTreeResidual, 0.05, 5), new(ModelFamily.Physical, 0.05, 5)]));
        Assert.Equal(ModelFamily.LightGbm, PerfModelFitter.Choose([new(ModelFamily.Physical, 0.05, 5), new(ModelFamily.LightGbm, 0.04, 5)]));
        Assert.Equal(ModelFamily.Physical, PerfModelFitter.Choose([new(ModelFamily.Physical, double.NaN, 0)]));
    }

    [Fact]
    public void HalfToFullOffload_SimulatedH200_ScoresEveryFamilyAndTreesAloneStayInTheTrainedRange()
    {
        // Given a simulated CUDA sweep of the 7B (NGL 0..33; full offload doubles generation speed over NGL 32)
        var sim = SimulatedMachine.Cuda(seed: 5);
        var trials = sim.MeasureAll(SimulatedMachine.CudaGrid());

        // When each family is trained on NGL <= 16 and predicts NGL 33
        var errors = Extrapolation.HalfToFullOffload(trials);
        foreach (var e in errors)
        {
            output.WriteLine($"{e.Backend} {e.Target} {e.Family}: {e.Mape:P1} on {e.TestConfigs} full-offload configurations, trained on {e.TrainConfigs}");
        }

        // Then every family is scored on generation over the 12 full-offload configurations, trained on the 48 with NGL <= 16
        var gen = errors.Where(e => e.Target == PerfTarget.GenerationTokensPerSecond).ToDictionary(e => e.Family);
        Assert.Equal(Enum.GetValues<ModelFamily>().Length, gen.Count);
        Assert.All(gen.Values, e => Assert.Equal(12, e.TestConfigs));
        Assert.All(gen.Values, e => Assert.Equal(48, e.TrainConfigs));

        // And trees on the raw features alone stay inside the speeds they were trained on: full offload measures more
        // than ten times the fastest NGL <= 16 trial, so their error is at least 1 - fastest trained / slowest predicted
        double Tg(TrialResult t) => t.Stats!.Mean;
        var generation = trials.Where(t => t.Test.Kind == TestKind.Generation).ToList();
        var fastestTrained = generation.Where(t => t.Config.GpuLayers <= 16).Max(Tg);
        var slowestFull = generation.Where(t => t.Config.GpuLayers == 33).Min(Tg);
        Assert.True(slowestFull > 10 * fastestTrained, $"{slowestFull:F0} vs {fastestTrained:F0} t/s");
        Assert.True(gen[ModelFamily.LightGbm].Mape >= 0.95 * (1 - (fastestTrained / slowestFull)), $"LightGbm {gen[ModelFamily.LightGbm].Mape:P1}");
    }

    [Fact]
    public void Save_ThenLoad_LearnedModelsPredictTheSameAndAMissingZipIsAClearError()
    {
        var root = Directory.CreateTempSubdirectory("jantune-learned-").FullName;
        try
        {
            // Given a fitted model whose speed targets are predicted by ML.NET
            var sim = SimulatedMachine.Cpu(seed: 11);
            var grid = SimulatedMachine.CpuGrid();
            var model = PerfModelFitter.Fit(sim.MeasureAll(grid.Where((_, i) => i % 2 == 0)), "sim");
            var learned = model.Targets.Where(t => t.Predictor != ModelFamily.Physical).ToList();
            Assert.NotEmpty(learned);
            var store = new PerfModelStore(new JanTunePaths(root));

            // When it is saved and loaded back
            var path = store.Save(model);
            var loaded = store.Load("sim")!;

            // Then the zips lie beside perf-model.json and every target predicts exactly what it did before
            Assert.All(learned, t => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, t.LearnedModelFile!))));
            foreach (var t in model.Targets)
            {
                Assert.Equal(t.Predictor, loaded.Find(t.Target, "cpu")!.Predictor);
                foreach (var c in grid.Take(10))
                {
                    Assert.Equal(model.Predict(t.Target, c, sim.Facts)!.Value, loaded.Predict(t.Target, c, sim.Facts)!.Value, 9);
                }
            }

            // And a zip that went missing is named in the error, with the command that rewrites it
            File.Delete(Path.Combine(Path.GetDirectoryName(path)!, learned[0].LearnedModelFile!));
            var error = Assert.Throws<JanTuneException>(() => store.Load("sim"));
            Assert.Contains(learned[0].LearnedModelFile!, error.Message, StringComparison.Ordinal);
            Assert.Contains("jantune recommend", error.Hint ?? string.Empty, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
