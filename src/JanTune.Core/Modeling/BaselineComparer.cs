using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Baselines;

namespace JanTune.Core.Modeling;

/// <summary>Compares a chosen configuration with every runtime's defaults measured in the same sweep.</summary>
public static class BaselineComparer
{
    /// <summary>
    /// One comparison per runtime and per test the tuned configuration was measured on, against that runtime's baseline
    /// trial of the same model on the same backend (the latest when it was measured more than once).
    /// </summary>
    /// <param name="trials">The profile's trials of one model file.</param>
    /// <param name="tuned">The chosen configuration.</param>
    public static IReadOnlyList<BaselineComparison> Compare(IReadOnlyList<TrialResult> trials, TrialConfig tuned)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(tuned);
        var own = trials.Where(t => t is { Status: TrialStatus.Ok, Stats: not null } && t.Config.Key == tuned.Key).ToList();

        // The tuned figure comes from its grid trial; a tuned configuration measured only as a baseline uses that trial.
        var tunedByTest = own.OrderBy(t => t.Baselines.Count > 0 ? 0 : 1).ThenBy(t => t.StartedAt)
            .GroupBy(t => t.Test.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var list = new List<BaselineComparison>();
        foreach (var runtime in Enum.GetValues<BaselineRuntime>())
        {
            var mine = trials.Where(t => t.Baselines.Any(l => l.Runtime == runtime) && t.Config.Backend == tuned.Backend).ToList();
            foreach (var (test, tunedTrial) in tunedByTest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var entry = new BaselineComparison(runtime, tuned.Backend, test) { Tuned = MeasuredFigure.Of(tunedTrial) };
                var baseline = mine.Where(t => t.Test.Name == test).OrderBy(t => t.StartedAt).LastOrDefault();
                list.Add(baseline switch
                {
                    null => entry with { NotMeasured = mine.Count == 0
                        ? $"no baseline trial of it on the {tuned.Backend} backend in these results (`jantune sweep` plans one unless --no-baselines)"
                        : $"its baseline was not measured with {test}" },
                    { Status: not TrialStatus.Ok } => entry with { NotMeasured = $"its baseline trial {baseline.Status.ToString().ToLowerInvariant()}: {baseline.Error ?? "no reason recorded"}" },
                    _ => entry with { Baseline = MeasuredFigure.Of(baseline), SameConfig = baseline.Config.Key == tuned.Key, SameTrial = baseline.TrialId == tunedTrial.TrialId, SameAs = [.. baseline.Baselines.Select(l => l.Runtime).Where(r => r != runtime)] },
                });
            }
        }

        return list;
    }
}
