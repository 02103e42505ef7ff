using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

/// <summary>Trials from the sweep's SQLite results store (results/jantune.db).</summary>
public sealed class StoreTrialSource(JanTunePaths paths) : ITrialSource
{
    public IReadOnlyList<TrialResult> Load(string? profileId)
    {
        if (!File.Exists(Path.Combine(paths.ResultsDir, "jantune.db")))
        {
            throw new JanTuneException($"no results store in {paths.ResultsDir}", "run `jantune sweep` first");
        }

        using var store = ResultsStore.Open(paths);
        var trials = store.Load(profileId);
        if (trials.Count == 0)
        {
            throw new JanTuneException(
                profileId is null ? "the results store holds no trials" : $"no trials for profile {profileId}",
                "run `jantune sweep` first (`jantune results list` shows the profiles that have results)");
        }

        return trials;
    }
}
