using JanTune.Core.Modeling;
using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;
using JanTune.Core.Tests.Modeling;

namespace JanTune.Core.Tests.Reporting;

/// <summary>The report shows the recommendation `jantune recommend` stored (the one serve --profile applies), not one of its own.</summary>
public sealed class StoredRecommendationReportTests : IDisposable
{
    private static readonly DateTimeOffset Saved = new(2026, 12, 3, 14, 2, 0, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("jantune-report-stored-").FullName;

    private static IReadOnlyList<TrialResult> Trials { get; } = SimulatedMachine.Cpu(seed: 5).MeasureAll(SimulatedMachine.CpuGrid());

    [Fact]
    public void Load_RecommendationStoredForPromptAndMinContext_ShowsThatConfigurationAndSaysWhereItCameFrom()
    {
        // Given a recommendation stored for prompt speed with at least 8192 tokens of context, which the default objective would not choose
        var paths = new JanTunePaths(_root);
        var request = new RecommendRequest { ProfileId = "sim", Objective = TuningObjective.Prompt, Constraints = new RecommendConstraints { MinContext = 8192 } };
        var stored = RecommendedConfig.From(Tuner.Recommend(Trials, request), Saved);
        stored.Save(paths);
        var byDefault = Tuner.Recommend(Trials, new RecommendRequest { ProfileId = "sim" }).Recommendation.Best.Config;
        Assert.NotEqual(byDefault.Key, stored.Config.Key);

        // When the report is loaded
        var shown = new StoreReportSource(paths, new ListTrials(Trials)).Load("sim").Recommendation!;

        // Then it is the stored configuration, and the report says which file, objective, constraint and time it is
        Assert.Equal(stored.Config.Key, shown.Config.Key);
        Assert.Equal("recommendation from profiles/sim/recommended.json, objective prompt, min-ctx 8192, saved 2026-12-03 14:02:00 UTC", shown.Source);
        Assert.Null(shown.Warning);
        var html = new ReportBuilder().Build(new StoreReportSource(paths, new ListTrials(Trials)).Load("sim"), "report").Html;
        Assert.Contains(shown.Source!, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TrialsMeasuredAfterTheRecommendation_WarnsItMayBeStaleWithTheCommandThatRedoesIt()
    {
        // Given a stored recommendation and one trial measured after it
        var paths = new JanTunePaths(_root);
        var request = new RecommendRequest { ProfileId = "sim", Objective = TuningObjective.Prompt, Constraints = new RecommendConstraints { MinContext = 8192 } };
        RecommendedConfig.From(Tuner.Recommend(Trials, request), Saved).Save(paths);
        var later = Trials.Append(Trials[0] with { TrialId = "later", StartedAt = Saved.AddHours(1) }).ToList();

        // When the report is loaded
        var shown = new StoreReportSource(paths, new ListTrials(later)).Load("sim").Recommendation!;

        // Then it warns, naming how many trials, when, and the recommend command with the same objective and constraint
        Assert.Equal(
            "the recommendation may be stale: 1 trial(s) of synthetic-0.84b-q4_0.gguf were measured after it was made (the newest at 2026-12-03 15:02:00 UTC); "
            + "run `jantune recommend --profile sim --model synthetic-0.84b-q4_0.gguf --objective prompt --min-ctx 8192` to include them",
            shown.Warning);
    }

    [Fact]
    public void Load_NoStoredRecommendation_ShowsTheDefaultObjectivesAndSaysNoneIsStored()
    {
        // Given trials and no recommend run
        var paths = new JanTunePaths(_root);

        // When the report is loaded
        var shown = new StoreReportSource(paths, new ListTrials(Trials)).Load("sim").Recommendation!;

        // Then it shows the default objective's choice, labelled as such
        Assert.Equal(Tuner.Recommend(Trials, new RecommendRequest { ProfileId = "sim" }).Recommendation.Best.Config.Key, shown.Config.Key);
        Assert.StartsWith("no recommendation stored for profile sim", shown.Source, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class ListTrials(IReadOnlyList<TrialResult> trials) : ITrialSource
    {
        public IReadOnlyList<TrialResult> Load(string? profileId) => trials;
    }
}
