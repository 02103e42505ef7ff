namespace JanTune.Core.Telemetry;

/// <summary>Energy over the timed regions of one trial, per kind of device, each with its reason when unavailable.</summary>
/// <param name="GpuJoules">Sum over every NVML GPU of its counter over the timed regions.</param>
/// <param name="CpuJoules">The RAPL package counter over the timed regions.</param>
/// <param name="Timed">Total length of the timed regions.</param>
/// <param name="Regions">Number of timed regions (one per actual repetition).</param>
public sealed record EnergyReading(Reading<double> GpuJoules, Reading<double> CpuJoules, TimeSpan Timed, int Regions);
