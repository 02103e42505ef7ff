using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Running;

/// <summary>What a sweep reports as it goes (the CLI draws progress from it; tests can watch it).</summary>
public interface ISweepObserver
{
    /// <summary>The trials that will run now (after resume filtering), and how many were already stored.</summary>
    void Planned(IReadOnlyList<PlannedTrial> pending, int alreadyStored);

    void Started(PlannedTrial trial);

    /// <summary>A trial finished (ok or failed) and is persisted.</summary>
    void Finished(PlannedTrial trial, TrialResult result);

    /// <summary>A trial will not run: the time budget is spent, or llama.cpp's dry run says it would not fit in memory.</summary>
    void Skipped(PlannedTrial trial, string reason);

    void Log(string line);
}
