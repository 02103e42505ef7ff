namespace JanTune.Core.Telemetry;

/// <summary>Reduces a sample series to a <see cref="TelemetrySummary"/>; pure, so the arithmetic is unit-tested.</summary>
internal static class TelemetrySummarizer
{
    public static TelemetrySummary Summarize(IReadOnlyList<TelemetrySample> samples, TelemetryWindow window)
    {
        var duration = samples.Count == 0 ? TimeSpan.Zero : samples[^1].Time - samples[0].Time;
        var cpu = samples.Where(s => s.CpuPercent.HasValue).Select(s => s.CpuPercent!.Value).ToList();
        var cpuReason = window.CpuReason ?? "/proc/stat: fewer than two samples";
        var gpus = window.GpuNames.Select((name, i) => SummarizeGpu(samples, i, name)).ToList();
        return new TelemetrySummary(
            duration,
            samples.Count,
            PeakRss(samples, window),
            cpu.Count == 0 ? Reading.Unavailable<double>(cpuReason) : Reading.Of(cpu.Average()),
            cpu.Count == 0 ? Reading.Unavailable<double>(cpuReason) : Reading.Of(cpu.Max()),
            gpus,
            SumOver(gpus, g => g.MeanPowerWatts, window.GpuReason),
            SumOver(gpus, g => g.EnergyJoules, window.GpuReason),
            CpuEnergy(samples, window),
            window.Sources);
    }

    /// <summary>
    /// Total increase of a counter that wraps to zero after <paramref name="maxRange"/>: a decrease between two
    /// readings means it wrapped once (at 100 ms ticks a second wrap in one interval is impossible). With no range
    /// (or a reading above it) a decrease is a reset to zero, and the count restarts from there.
    /// </summary>
    public static ulong CounterIncrease(IEnumerable<ulong> readings, ulong maxRange)
    {
        ulong total = 0;
        ulong? previous = null;
        foreach (var current in readings)
        {
            if (previous is { } p)
            {
                total += current >= p ? current - p : maxRange >= p ? maxRange - p + current : current;
            }

            previous = current;
        }

        return total;
    }

    private static Reading<long> PeakRss(IReadOnlyList<TelemetrySample> samples, TelemetryWindow window)
    {
        var sampled = samples.Where(s => s.RssBytes.HasValue).Select(s => s.RssBytes!.Value).DefaultIfEmpty(-1).Max();
        var peak = Math.Max(sampled, window.PeakRssHwmBytes ?? -1);
        return peak >= 0 ? Reading.Of(peak) : Reading.Unavailable<long>(window.RssReason ?? "/proc/<pid>/status: no readings");
    }

    private static Reading<double> CpuEnergy(IReadOnlyList<TelemetrySample> samples, TelemetryWindow window)
    {
        if (window.RaplReason is not null || window.RaplMaxRangeMicroJoules is not { } range)
        {
            return Reading.Unavailable<double>(window.RaplReason ?? "RAPL: no counter range");
        }

        var readings = samples.Where(s => s.CpuEnergyMicroJoules.HasValue).Select(s => s.CpuEnergyMicroJoules!.Value).ToList();
        return readings.Count < 2
            ? Reading.Unavailable<double>("RAPL: fewer than two readings in the window")
            : Reading.Of(CounterIncrease(readings, range) / 1e6);
    }

    private static GpuSummary SummarizeGpu(IReadOnlyList<TelemetrySample> samples, int index, string name)
    {
        var own = samples.SelectMany(s => s.Gpus).Where(g => g.Index == index).ToList();
        var memory = own.Where(g => g.MemoryUsedBytes.HasValue).Select(g => g.MemoryUsedBytes!.Value).ToList();
        var util = own.Where(g => g.UtilizationPercent.HasValue).Select(g => g.UtilizationPercent!.Value).ToList();
        var power = own.Where(g => g.PowerWatts.HasValue).Select(g => g.PowerWatts!.Value).ToList();
        var energy = own.Where(g => g.EnergyMilliJoules.HasValue).Select(g => g.EnergyMilliJoules!.Value).ToList();
        return new GpuSummary(
            index,
            name,
            memory.Count == 0 ? Reading.Unavailable<long>("NVML: memory info not supported") : Reading.Of(memory.Max()),
            util.Count == 0 ? Reading.Unavailable<double>("NVML: utilization not supported") : Reading.Of(util.Average()),
            power.Count == 0 ? Reading.Unavailable<double>("NVML: power usage not supported") : Reading.Of(power.Average()),
            energy.Count < 2
                ? Reading.Unavailable<double>("NVML: total energy counter not supported (pre-Volta) or fewer than two readings")
                // The 64-bit mJ counter does not wrap in practice; a decrease means a driver reload, counted as a reset.
                : Reading.Of(CounterIncrease(energy, 0) / 1e3));
    }

    private static Reading<double> SumOver(List<GpuSummary> gpus, Func<GpuSummary, Reading<double>> pick, string? reason)
    {
        if (gpus.Count == 0)
        {
            return Reading.Unavailable<double>(reason ?? "NVML: no GPUs");
        }

        var readings = gpus.Select(pick).ToList();
        var missing = readings.FirstOrDefault(r => !r.IsAvailable);
        // A total over some GPUs would understate the whole; report the first gap instead.
        return missing ?? Reading.Of(readings.Sum(r => r.Value!.Value));
    }
}
