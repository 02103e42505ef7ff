namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// Orchestrator to worker, one JSON line on stdin: <c>run</c> a group of trials of one backend (in order, so model
/// and context reloads are few), or <c>cancel</c> the running trial (the worker aborts the decode and exits).
/// </summary>
public sealed record WorkerRequest
{
    /// <summary>"run" or "cancel".</summary>
    public required string Type { get; init; }

    public string Workspace { get; init; } = string.Empty;

    /// <summary>The engine whose worker this is sent to; a worker refuses trials of another engine.</summary>
    public SweepEngine Engine { get; init; } = SweepEngine.Npm;

    public string Backend { get; init; } = "cpu";

    public string ProfileId { get; init; } = string.Empty;

    public string LlamaBuild { get; init; } = string.Empty;

    public int Repetitions { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    /// <summary>Seed of the random prompt tokens.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Milliseconds left of the sweep's time budget when sent; no trial starts after it runs out. Null = none.</summary>
    public long? BudgetMs { get; init; }

    /// <summary>Host memory to check dry runs against; null reads MemAvailable at each check.</summary>
    public long? AvailableRamBytes { get; init; }

    public IReadOnlyList<WorkerTrial> Trials { get; init; } = [];
}

/// <summary>One trial in a <see cref="WorkerRequest"/>.</summary>
public sealed record WorkerTrial(string TrialId, string ModelIdentity, TrialConfig Config, TrialTest Test);
