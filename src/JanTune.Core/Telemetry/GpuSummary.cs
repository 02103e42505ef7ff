namespace JanTune.Core.Telemetry;

/// <summary>One GPU over a sampling window.</summary>
/// <param name="Index">NVML device index.</param>
/// <param name="Name">Device name.</param>
/// <param name="PeakMemoryUsedBytes">Highest device memory in use at any sample (all processes).</param>
/// <param name="MeanUtilizationPercent">Mean GPU utilization over the samples.</param>
/// <param name="MeanPowerWatts">Mean of the sampled board power.</param>
/// <param name="EnergyJoules">Difference of the driver's energy counter over the window.</param>
public sealed record GpuSummary(
    int Index,
    string Name,
    Reading<long> PeakMemoryUsedBytes,
    Reading<double> MeanUtilizationPercent,
    Reading<double> MeanPowerWatts,
    Reading<double> EnergyJoules);
