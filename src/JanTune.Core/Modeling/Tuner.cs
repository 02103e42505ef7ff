using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Fit-and-recommend in one place: recommend, export, report and (through recommended.json) serve all choose the same
/// configuration from the same trials the same way.
/// </summary>
public static class Tuner
{
    /// <summary>
    /// Picks the profile and model the request names (or the only ones), fits the profile's performance model on its
    /// trials and recommends among the configurations measured without error.
    /// </summary>
    public static ProfileRecommendation Recommend(IReadOnlyList<TrialResult> trials, RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(request);
        // Recommendations are for the npm build serve and the exports run on; other engines' trials are for comparison only.
        trials = [.. trials.Where(t => t.Config.Engine == SweepEngine.Npm)];
        var profiles = trials.Select(t => t.ProfileId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var profileId = request.ProfileId ?? (profiles.Count == 1 ? profiles[0]
            : throw new JanTuneException(profiles.Count == 0 ? "no trials in the results" : $"the results hold {profiles.Count} profiles: {string.Join(", ", profiles)}", "pick one with --profile"));
        var mine = trials.Where(t => string.Equals(t.ProfileId, profileId, StringComparison.Ordinal)).ToList();
        if (mine.Count == 0)
        {
            throw new JanTuneException($"no trials for profile {profileId}", "run `jantune sweep` first (`jantune results list` shows the profiles that have results)");
        }

        var models = mine.Select(t => t.Model?.FileName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var modelFile = request.ModelFile ?? (models.Count <= 1 ? null
            : throw new JanTuneException($"the results hold {models.Count} models: {string.Join(", ", models)}", "pick one with --model"));
        if (modelFile is not null)
        {
            mine = mine.Where(t => string.Equals(t.Model?.FileName, modelFile, StringComparison.Ordinal)).ToList();
            if (mine.Count == 0)
            {
                throw new JanTuneException($"no trials of model {modelFile}", $"use one of: {string.Join(", ", models)}");
            }
        }

        var facts = mine.Select(t => t.Model).FirstOrDefault(m => m is not null)
            ?? throw new JanTuneException("the trials carry no model facts", "re-run the sweep with this JanTune version, which records them");
        var model = PerfModelFitter.Fit(mine, profileId);
        var candidates = mine.Where(t => t.Status == TrialStatus.Ok && (t.Model ?? facts) == facts).Select(t => t.Config).DistinctBy(c => c.Key).ToList();
        var recommendation = Recommender.Recommend(model, candidates, facts, request.Objective, request.Constraints, mine);
        return new ProfileRecommendation(profileId, request with { ProfileId = profileId, ModelFile = facts.FileName }, facts, model, recommendation, mine);
    }

    /// <summary>
    /// Measured generation tokens/s by thread count for <paramref name="config"/> with everything but the threads held
    /// fixed: the curve serve's adaptive thread governor picks from. Empty when no generation test was measured.
    /// </summary>
    public static IReadOnlyDictionary<int, double> ThreadScaling(IReadOnlyList<TrialResult> trials, TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(config);
        var generation = trials.Where(t => t is { Status: TrialStatus.Ok, Stats: not null, Test.Kind: TestKind.Generation }
            && (t.Config with { Threads = config.Threads, ThreadsBatch = config.ThreadsBatch }).Key == config.Key).ToList();

        // One curve from one test: the shallowest, most often measured one (tg128 rather than tg128@d512).
        var test = generation.GroupBy(t => t.Test).OrderBy(g => g.Key.Depth).ThenByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return generation.Where(t => t.Test == test)
            .GroupBy(t => t.Config.Threads)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Average(t => t.Stats!.Mean));
    }
}
