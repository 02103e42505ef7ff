using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Running;

/// <summary>The immutable outcome of one sweep run.</summary>
/// <param name="Results">Trials finished and persisted by this run, ok and failed.</param>
/// <param name="Skipped">Trials not run, with the reason (time budget, cancelled, would not fit in memory).</param>
/// <param name="AlreadyStored">Planned trials found in the store from an earlier run (resume).</param>
/// <param name="Cancelled">True when Ctrl-C stopped the run; everything finished is persisted.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record SweepSummary(
    IReadOnlyList<TrialResult> Results,
    IReadOnlyList<(PlannedTrial Trial, string Reason)> Skipped,
    int AlreadyStored,
    bool Cancelled,
    TimeSpan Elapsed);
