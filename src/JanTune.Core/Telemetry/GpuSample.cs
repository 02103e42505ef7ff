namespace JanTune.Core.Telemetry;

/// <summary>One poll of one GPU through NVML; null fields are queries the device does not support.</summary>
/// <param name="Index">NVML device index.</param>
/// <param name="MemoryUsedBytes">Device memory in use, by every process.</param>
/// <param name="UtilizationPercent">Percent of the last driver sample period a kernel was running.</param>
/// <param name="PowerWatts">Board power draw.</param>
/// <param name="EnergyMilliJoules">The driver's cumulative energy counter (Volta and newer).</param>
public sealed record GpuSample(
    int Index,
    long? MemoryUsedBytes,
    double? UtilizationPercent,
    double? PowerWatts,
    ulong? EnergyMilliJoules);
