using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Modeling;

public sealed class TunerTests : IDisposable
{
    private static readonly SimulatedMachine Sim = SimulatedMachine.Cpu();
    private static readonly IReadOnlyList<TrialResult> Trials = Sim.MeasureAll(SimulatedMachine.CpuGrid());
    private readonly string _root = Directory.CreateTempSubdirectory("jantune-tuner-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Recommend_OneProfileAndModel_ChoosesWhatTheRecommenderChoosesOnTheFittedModel()
    {
        var result = Tuner.Recommend(Trials, new RecommendRequest());

        var direct = Recommender.Recommend(PerfModelFitter.Fit(Trials, "sim"), [.. Trials.Select(t => t.Config).DistinctBy(c => c.Key)], Sim.Facts, TuningObjective.Generation, RecommendConstraints.None, Trials);
        Assert.Equal(direct.Best.Config, result.Recommendation.Best.Config);
        Assert.Equal(Trials[0].ProfileId, result.ProfileId);
        Assert.Equal(Sim.Facts.FileName, result.Request.ModelFile);
    }

    [Fact]
    public void ThreadScaling_Grid_GivesOneGenerationRatePerMeasuredThreadCountOfTheSameConfiguration()
    {
        var best = Tuner.Recommend(Trials, new RecommendRequest()).Recommendation.Best.Config;

        var curve = Tuner.ThreadScaling(Trials, best);

        var threads = Trials.Where(t => t.Test.Kind == TestKind.Generation && (t.Config with { Threads = best.Threads }).Key == best.Key).Select(t => t.Config.Threads).Distinct().Order();
        Assert.Equal(threads, curve.Keys.Order());
        Assert.True(curve.Count > 1);
        Assert.All(curve.Values, v => Assert.True(v > 0));
    }

    [Fact]
    public void RecommendedConfig_SavedAndLoaded_KeepsConfigurationObjectiveFiguresAndCurve()
    {
        var paths = new JanTunePaths(_root);
        var request = new RecommendRequest { Objective = TuningObjective.Prompt, Constraints = new RecommendConstraints { MinContext = 1024, MaxRamBytes = 8L << 30, Headroom = new MemoryHeadroom(0.1) } };
        var saved = RecommendedConfig.From(Tuner.Recommend(Trials, request), new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

        saved.Save(paths);
        var loaded = RecommendedConfig.Load(paths, saved.ProfileId);

        Assert.Equal(saved.Config, loaded.Config);
        Assert.Equal(TuningObjective.Prompt, loaded.Objective);
        Assert.Equal(request.Constraints, loaded.Constraints);
        Assert.Equal(saved.Predicted!.Prompt!.Value, loaded.Predicted!.Prompt!.Value);
        Assert.Equal(saved.Measured.Select(m => (m.Test, m.Mean)), loaded.Measured.Select(m => (m.Test, m.Mean)));
        Assert.NotEmpty(loaded.Measured);
        Assert.Equal(saved.ThreadScaling, loaded.ThreadScaling);
        Assert.Equal(saved.RunnerUp, loaded.RunnerUp);
        Assert.Equal(saved.RecommendedAt, loaded.RecommendedAt);
    }
}
