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

    /// <summary>Mean power of the devices charged for the trial (see <see cref="EnergyScope"/>) over its timed regions.</summary>
    public double? PowerWatts { get; init; }

    /// <summary>Energy per timed token (no warmup, no depth fill) of the devices that did the work; see <see cref="TrialEnergy"/>.</summary>
    public double? JoulesPerToken { get; init; }

    /// <summary>The GPU part of the energy per token, when the trial ran on a GPU backend and NVML could measure it.</summary>
    public double? GpuJoulesPerToken { get; init; }

    /// <summary>The CPU package (RAPL) part of the energy per token, when readable.</summary>
    public double? CpuJoulesPerToken { get; init; }

    /// <summary>What <see cref="JoulesPerToken"/> covers, for example "GPU (NVML) + CPU (RAPL)".</summary>
    public string? EnergyScope { get; init; }

    /// <summary>Why energy (or a part of it) is missing, e.g. "CPU trial: RAPL: not present", when it is.</summary>
    public string? EnergyUnavailableReason { get; init; }

    /// <summary>The non-CPU devices the trial's backend saw, e.g. "NVIDIA H100 80GB HBM3 (79 GiB, CUDA0)"; empty on a CPU backend.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The runtimes whose default configuration this trial measured; empty for a grid trial.</summary>
    public IReadOnlyList<Baselines.BaselineLabel> Baselines { get; init; } = [];

    /// <summary>Model facts the performance model needs, captured at measurement time.</summary>
    public ModelFacts? Model { get; init; }
}
