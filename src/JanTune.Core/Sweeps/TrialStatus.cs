namespace JanTune.Core.Sweeps;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>Measured.</summary>
    Ok,

    /// <summary>Load, context or decode failed, or the worker process died (abort, out of memory); see the error.</summary>
    Failed,

    /// <summary>Not run: predicted not to fit in memory, or over the time budget.</summary>
    Skipped,
}
