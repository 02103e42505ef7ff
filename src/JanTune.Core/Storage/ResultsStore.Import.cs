using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

public sealed partial class ResultsStore
{
    /// <summary>
    /// Appends many trials in one transaction (an import): all or none. Trials already stored (same profile, model
    /// file, configuration, test and build) are left as they are; returns how many were new.
    /// </summary>
    public int AppendAll(IReadOnlyList<TrialResult> results, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(results);
        return DiskErrors.Guard(DatabasePath, "the results store", () =>
        {
            using var tx = _connection.BeginTransaction();
            var inserted = results.Count(r => Insert(r, recordedAt, tx));
            tx.Commit();
            return inserted;
        }, "nothing of this import was stored (the transaction was rolled back); the store is as it was");
    }
}
