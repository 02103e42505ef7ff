using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>Where finished trials come from (a JSON export today, the SQLite results store next).</summary>
public interface ITrialSource
{
    /// <summary>The trials of a profile, or of every profile when <paramref name="profileId"/> is null.</summary>
    IReadOnlyList<TrialResult> Load(string? profileId);
}
