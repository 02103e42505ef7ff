using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Running;

/// <summary>The bookkeeping of one sweep run: what is pending, persisted, skipped.</summary>
internal sealed class RunState(ResultsStore store, Dictionary<string, PlannedTrial> pending, Dictionary<string, ModelFacts> facts, TimeProvider time, string profileId, Func<PlannedTrial, (string Build, string ModelIdentity)> identity)
{
    public List<TrialResult> Results { get; } = [];

    public List<(PlannedTrial Trial, string Reason)> SkippedList { get; } = [];

    public bool Cancelled { get; set; }

    public PlannedTrial? Trial(string? id) => id is not null && pending.TryGetValue(id, out var t) ? t : null;

    /// <summary>Persists first, then tells the observer: a trial seen on screen is already on disk.</summary>
    public void Persist(TrialResult result, ISweepObserver observer)
    {
        if (Trial(result.TrialId) is not { } trial)
        {
            return;
        }

        // The prediction made before the trial ran is stored beside what was measured, so the error is known.
        var model = facts[trial.Model.Path];
        result = result with { Model = model, Baselines = trial.Baselines, PredictedMemoryBytes = result.PredictedMemoryBytes ?? MemoryPredictor.Predict(trial.Config, model).TotalBytes };
        store.Append(result, time.GetUtcNow());
        Results.Add(result);
        pending.Remove(result.TrialId);
        observer.Finished(trial, result);
    }

    public void Fail(string trialId, string reason, ISweepObserver observer)
    {
        if (Trial(trialId) is not { } trial)
        {
            return;
        }

        Persist(
            new TrialResult
            {
                TrialId = trialId,
                ProfileId = profileId,
                LlamaBuild = identity(trial).Build,
                ModelIdentity = identity(trial).ModelIdentity,
                Config = trial.Config,
                Test = trial.Test,
                Status = TrialStatus.Failed,
                Error = reason,
                StartedAt = time.GetUtcNow(),
            },
            observer);
    }

    public void Skip(string trialId, string reason, ISweepObserver observer)
    {
        if (Trial(trialId) is not { } trial)
        {
            return;
        }

        pending.Remove(trialId);
        SkippedList.Add((trial, reason));
        observer.Skipped(trial, reason);
    }
}
