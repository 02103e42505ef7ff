namespace JanTune.Core.Sweeps.Running;

/// <summary>How a sweep runs (as opposed to what it measures, which is the plan).</summary>
public sealed record SweepOptions
{
    public required JanTunePaths Paths { get; init; }

    public required string ProfileId { get; init; }

    /// <summary>The results database; null = results/jantune.db of the workspace.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>A worker silent this long (no trial started or finished) is killed and its trial fails.</summary>
    public TimeSpan TrialTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Seed of the random prompt tokens.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Extra environment for worker processes (tests use it for <see cref="Worker.EngineWorker.TestAbortVariable"/>).</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Host memory to plan against; null reads MemAvailable now. Trials predicted above 90% of it are skipped.</summary>
    public long? AvailableRamBytes { get; init; }
}
