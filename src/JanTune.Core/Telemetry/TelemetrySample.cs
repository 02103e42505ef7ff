namespace JanTune.Core.Telemetry;

/// <summary>One tick of the <see cref="TelemetrySampler"/>. Null fields are sources that are unavailable or failed this tick.</summary>
/// <param name="Time">Time since the sampler started.</param>
/// <param name="RssBytes">Resident set of the target process (VmRSS).</param>
/// <param name="CpuPercent">System-wide CPU busy percent since the previous tick (all cores, 0-100); null on the first.</param>
/// <param name="Gpus">One entry per NVML device; empty without NVML.</param>
/// <param name="CpuEnergyMicroJoules">The RAPL package energy counter, which wraps at max_energy_range_uj.</param>
public sealed record TelemetrySample(
    TimeSpan Time,
    long? RssBytes,
    double? CpuPercent,
    IReadOnlyList<GpuSample> Gpus,
    ulong? CpuEnergyMicroJoules);
