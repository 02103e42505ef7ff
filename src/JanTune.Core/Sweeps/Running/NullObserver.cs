using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Running;

/// <summary>An observer that ignores everything.</summary>
internal sealed class NullObserver : ISweepObserver
{
    public static NullObserver Instance { get; } = new();

    public void Planned(IReadOnlyList<PlannedTrial> pending, int alreadyStored)
    {
    }

    public void Started(PlannedTrial trial)
    {
    }

    public void Finished(PlannedTrial trial, TrialResult result)
    {
    }

    public void Skipped(PlannedTrial trial, string reason)
    {
    }

    public void Log(string line)
    {
    }
}
