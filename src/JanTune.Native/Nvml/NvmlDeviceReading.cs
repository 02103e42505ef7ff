namespace JanTune.Native.Nvml;

/// <summary>One poll of one GPU; a field is null when the device does not support that query.</summary>
internal readonly record struct NvmlDeviceReading(
    long? MemoryUsedBytes,
    long? MemoryTotalBytes,
    double? UtilizationPercent,
    double? PowerWatts,
    ulong? EnergyMilliJoules);
