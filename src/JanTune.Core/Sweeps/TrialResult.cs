namespace JanTune.Core.Sweeps;

/// <summary>
/// One finished trial: a configuration, a test and what was measured. Persisted the moment it finishes.
/// Nullable figures are absent because nothing measured them (no meter, failed trial), never estimated.
/// </summary>
public sealed record TrialResult
{
    /// <summary>Stable id: hash of profile, model file, configuration key, test and llama.cpp build.</summary>
    public required string TrialId { get; init; }

    public required string ProfileId { get; init; }

    public required string LlamaBuild { get; init; }

    /// <summary>The ggml CPU variant that was loaded (e.g. haswell), or null when unknown.</summary>
    public string? CpuVariant { get; init; }

    public required TrialConfig Config { get; init; }

    public required TrialTest Test { get; init; }

    public required TrialStatus Status { get; init; }

    /// <summary>Why a trial failed or was skipped, in words a person can act on.</summary>
    public string? Error { get; init; }

    /// <summary>Tokens per second of each measured repetition (warmup excluded).</summary>
    public IReadOnlyList<double> Samples { get; init; } = [];

    public SampleStatistics? Stats { get; init; }

    /// <summary>Every repetition, warmup included, tagged (the raw data behind <see cref="Samples"/>).</summary>
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];

    /// <summary>Identity of the model file: name, size and a hash of its first MiB (see <see cref="TrialIdentity"/>).</summary>
    public string ModelIdentity { get; init; } = string.Empty;

    /// <summary>llama.cpp's own perf counters over the same repetitions, for comparison with ours.</summary>
    public double? LlamaPerfTokensPerSecond { get; init; }

    /// <summary>Time to first token for this test's prompt (prompt tests): prefill plus the first sample.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    public long? PeakRssBytes { get; init; }

    /// <summary>Device (GPU) memory used by the trial, when a meter exists.</summary>
    public long? DeviceMemoryBytes { get; init; }

    /// <summary>Memory predicted before loading (RAM + VRAM), so the prediction error is known.</summary>
    public long? PredictedMemoryBytes { get; init; }

    /// <summary>System memory llama.cpp's no_alloc dry run said the model and context take (weights, KV cache, compute).</summary>
    public long? DryRunHostBytes { get; init; }

    /// <summary>Device memory llama.cpp's dry run said they take, all devices together.</summary>
    public long? DryRunDeviceBytes { get; init; }

    public double? PowerWatts { get; init; }

    public double? JoulesPerToken { get; init; }

    /// <summary>Why energy is missing (e.g. "NVML: no NVIDIA driver; RAPL: not present"), when it is.</summary>
    public string? EnergyUnavailableReason { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Model facts the performance model needs, captured at measurement time.</summary>
    public ModelFacts? Model { get; init; }
}
