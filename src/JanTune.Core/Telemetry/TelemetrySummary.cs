namespace JanTune.Core.Telemetry;

/// <summary>What a <see cref="TelemetrySampler"/> saw over one measurement window.</summary>
/// <param name="Duration">From the first to the last sample.</param>
/// <param name="SampleCount">Number of samples taken.</param>
/// <param name="PeakRssBytes">
/// Highest resident set: the larger of the sampled VmRSS and the kernel's VmHWM, which catches peaks between samples.
/// VmHWM is reset at start when the kernel allows it (/proc/&lt;pid&gt;/clear_refs); otherwise it is the process
/// lifetime peak, which equals the window peak for a trial worker started for the measurement.
/// </param>
/// <param name="MeanCpuPercent">Mean system-wide CPU busy percent.</param>
/// <param name="MaxCpuPercent">Highest system-wide CPU busy percent between two samples.</param>
/// <param name="Gpus">One entry per NVML device; empty when NVML is unavailable (see <see cref="GpuEnergyJoules"/>).</param>
/// <param name="GpuMeanPowerWatts">Sum over GPUs of their mean sampled power.</param>
/// <param name="GpuEnergyJoules">Sum over GPUs of their energy counter difference.</param>
/// <param name="CpuEnergyJoules">RAPL package energy over the window, counter wraparound handled.</param>
/// <param name="Sources">Each source and whether it was available.</param>
public sealed record TelemetrySummary(
    TimeSpan Duration,
    int SampleCount,
    Reading<long> PeakRssBytes,
    Reading<double> MeanCpuPercent,
    Reading<double> MaxCpuPercent,
    IReadOnlyList<GpuSummary> Gpus,
    Reading<double> GpuMeanPowerWatts,
    Reading<double> GpuEnergyJoules,
    Reading<double> CpuEnergyJoules,
    IReadOnlyList<TelemetrySource> Sources);
