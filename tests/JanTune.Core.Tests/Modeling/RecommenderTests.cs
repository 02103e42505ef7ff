using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Modeling;

public sealed class RecommenderTests
{
    private static readonly SimulatedMachine Sim = SimulatedMachine.Cpu();
    private static readonly List<TrialConfig> Grid = SimulatedMachine.CpuGrid();
    private static readonly IReadOnlyList<TrialResult> Trials = Sim.MeasureAll(Grid);
    private static readonly PerfModel Model = PerfModelFitter.Fit(Trials, "sim");

    [Fact]
    public void Recommend_Generation_PicksTwoThreadsWithRepackAndGivesRunnerUpAndSupport()
    {
        var r = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Generation, RecommendConstraints.None, Trials);

        Assert.Equal(2, r.Best.Config.Threads);
        Assert.True(r.Best.Config.WeightRepack);
        Assert.NotNull(r.RunnerUp);
        Assert.NotEmpty(r.Supporting);
        Assert.True(r.Best.Generation!.Uncertainty > 0);
    }

    [Fact]
    public void Recommend_MaxRamBelowLargeContexts_NeverRecommendsAConfigOverTheLimit()
    {
        // Given a RAM limit between the small and the large configurations
        var all = Grid.Select(c => (c, ram: Trials.Where(t => t.Config.Key == c.Key).Max(t => t.PeakRssBytes!.Value))).ToList();
        var limit = (long)all.Select(x => x.ram).Order().ElementAt(all.Count / 2);

        // When recommending with that limit
        var r = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Generation, new RecommendConstraints { MaxRamBytes = limit }, Trials);

        // Then the best and the runner-up fit, measured and predicted
        Assert.True(r.Best.RamBytes <= limit);
        Assert.True(all.Single(x => x.c.Key == r.Best.Config.Key).ram <= limit);
        Assert.True(r.RunnerUp!.RamBytes <= limit);
        Assert.NotEmpty(r.Rejected);
    }

    [Fact]
    public void Recommend_Headroom_ShrinksTheUsableMemory()
    {
        var limit = Trials.Max(t => t.PeakRssBytes!.Value) + (200L << 20);
        var loose = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Generation, new RecommendConstraints { MaxRamBytes = limit }, Trials);
        var tight = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Generation, new RecommendConstraints { MaxRamBytes = limit, Headroom = new MemoryHeadroom(0.3) }, Trials);

        Assert.Empty(loose.Rejected);
        Assert.NotEmpty(tight.Rejected);
        Assert.True(tight.Best.RamBytes <= limit * 0.7);
    }

    [Fact]
    public void Recommend_MinContext_IsRespected()
    {
        var r = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Prompt, new RecommendConstraints { MinContext = 8192 }, Trials);

        Assert.True(r.Best.Config.ContextSize >= 8192);
        Assert.True(r.RunnerUp!.Config.ContextSize >= 8192);
    }

    [Fact]
    public void Recommend_EnergyWithoutEnergyData_ThrowsAClearError()
    {
        var trials = Trials.Select(t => t with { EnergyUnavailableReason = "NVML: no NVIDIA driver; RAPL: not present" }).ToList();

        var ex = Assert.Throws<JanTuneException>(() => Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Energy, RecommendConstraints.None, trials));

        Assert.Contains("RAPL: not present", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void Recommend_EnergyWithMeasurements_PicksFewestJoulesPerToken()
    {
        var trials = Trials.Select(t => t with { JoulesPerToken = t.Config.Threads == 1 && !t.Config.WeightRepack ? 0.5 : 1.0 + (t.Config.BatchSize / 10000.0) }).ToList();

        var r = Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Energy, RecommendConstraints.None, trials);

        Assert.Equal(0.5, r.Best.JoulesPerToken);
    }

    [Fact]
    public void Recommend_NothingFits_ThrowsWithHint()
    {
        var ex = Assert.Throws<JanTuneException>(() => Recommender.Recommend(Model, Grid, Sim.Facts, TuningObjective.Generation, new RecommendConstraints { MaxRamBytes = 1 << 20 }, Trials));
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void Recommend_MeasuredConfig_IsJudgedOnItsMeasuredPeakNotOnThePredictionsUpperBound()
    {
        // Given a measured configuration whose predicted upper bound (prediction + uncertainty) lies above its measured peak
        var (config, measured) = Grid
            .Select(c => (c, ram: Trials.Where(t => t.Config.Key == c.Key).Max(t => t.PeakRssBytes!.Value)))
            .First(x => Model.Predict(PerfTarget.PeakRamBytes, x.c, Sim.Facts)!.Upper > x.ram);

        // When the RAM limit is exactly that measured peak
        var r = Recommender.Recommend(Model, [config], Sim.Facts, TuningObjective.Generation, new RecommendConstraints { MaxRamBytes = measured }, Trials);

        // Then it fits: the measurement, not the model's bound, is what the limit is checked against
        Assert.Equal(config.Key, r.Best.Config.Key);
        Assert.Equal(measured, r.Best.RamBytes);
        Assert.True(r.Best.RamMeasured);
    }
}
