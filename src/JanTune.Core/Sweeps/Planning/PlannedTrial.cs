using JanTune.Core.Sweeps.Baselines;

namespace JanTune.Core.Sweeps.Planning;

/// <summary>One trial of a plan: a configuration and a test, with the model it needs.</summary>
public sealed record PlannedTrial(TrialConfig Config, TrialTest Test, ResolvedModel Model)
{
    /// <summary>
    /// The runtimes whose default configuration this trial measures (see <see cref="RuntimeBaselines"/>); empty for a
    /// grid trial. A baseline is its own trial even when a grid point has the same configuration, so each comparison
    /// rests on a measurement labelled as what it is.
    /// </summary>
    public IReadOnlyList<BaselineLabel> Baselines { get; init; } = [];

    /// <summary>The configuration part of the trial's identity: the store key, marked when the trial is a baseline.</summary>
    public string IdentityKey => Storage.ResultsStore.StoreKey(Config) + (Baselines.Count > 0 ? "|baseline" : string.Empty);
}
