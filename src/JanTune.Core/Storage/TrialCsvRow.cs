namespace JanTune.Core.Storage;

/// <summary>One trial as a flat CSV row (<c>jantune results export --csv</c>).</summary>
[CsvHelper.CsvRecord]
public sealed partial record TrialCsvRow
{
    public required string TrialId { get; init; }
    public required string ProfileId { get; init; }
    public required string Backend { get; init; }
    public required string Model { get; init; }
    public required string Quant { get; init; }
    public int Ngl { get; init; }
    public int Threads { get; init; }
    public int NBatch { get; init; }
    public int NUbatch { get; init; }
    public int Ctx { get; init; }
    public required string FlashAttn { get; init; }
    public required string CacheType { get; init; }
    public bool Repack { get; init; }
    public required string SplitMode { get; init; }

    /// <summary>Proportions per GPU, e.g. 3,1; empty = by free memory.</summary>
    public string? TensorSplit { get; init; }

    /// <summary>n_cpu_moe: layers whose routed experts stayed on the CPU.</summary>
    public int NCpuMoe { get; init; }

    /// <summary>cpu_moe: every routed expert on the CPU.</summary>
    public bool CpuMoe { get; init; }

    /// <summary>override_tensor: host-memory tensor overrides in llama.cpp's -ot syntax; empty = none.</summary>
    public string? OverrideTensor { get; init; }
    public required string Test { get; init; }
    public required string Status { get; init; }
    public double? MeanTps { get; init; }
    public double? StdDevTps { get; init; }
    public double? MedianTps { get; init; }
    public double? CiLower { get; init; }
    public double? CiUpper { get; init; }
    public int N { get; init; }
    public double? LlamaPerfTps { get; init; }
    public double? TtftMs { get; init; }
    public long? PeakRssBytes { get; init; }
    public long? DeviceMemoryBytes { get; init; }

    /// <summary>RAM + VRAM predicted before the trial ran (compare with PeakRssBytes + DeviceMemoryBytes).</summary>
    public long? PredictedMemoryBytes { get; init; }

    /// <summary>What llama.cpp's no_alloc dry run said the model and context take, in RAM and on the devices.</summary>
    public long? DryRunHostBytes { get; init; }
    public long? DryRunDeviceBytes { get; init; }

    public double? PowerWatts { get; init; }
    public double? JoulesPerToken { get; init; }

    /// <summary>The parts of JoulesPerToken charged to the GPU (NVML) and the CPU package (RAPL), where each was readable.</summary>
    public double? GpuJoulesPerToken { get; init; }
    public double? CpuJoulesPerToken { get; init; }

    /// <summary>Which devices the energy was charged to, and which part is missing.</summary>
    public string? EnergyScope { get; init; }
    public string? EnergyUnavailable { get; init; }
    public required string LlamaBuild { get; init; }
    public string? CpuVariant { get; init; }
    public string? Error { get; init; }
    public required string StartedAt { get; init; }
}
