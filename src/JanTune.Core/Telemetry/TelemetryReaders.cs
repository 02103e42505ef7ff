using System.Globalization;
using JanTune.Native.Nvml;

namespace JanTune.Core.Telemetry;

/// <summary>
/// The opened telemetry sources for one target process, and the state between ticks (the previous /proc/stat).
/// Not thread-safe: one sampler loop owns it.
/// </summary>
internal sealed class TelemetryReaders : IDisposable
{
    private readonly string _statusPath;
    private readonly NvmlSession? _nvml;
    private readonly RaplCounter? _rapl;
    private (ulong Busy, ulong Total)? _previousCpu;

    public TelemetryReaders(int processId, string raplZone = RaplCounter.Zone)
    {
        _statusPath = string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/status");
        _nvml = NvmlSession.TryOpen(out var nvmlReason);
        GpuReason = nvmlReason is null ? null : $"NVML: {nvmlReason}";
        _rapl = RaplCounter.TryOpen(raplZone, out var raplReason);
        RaplReason = raplReason;
        RssReason = File.Exists(_statusPath) ? null : $"{_statusPath} not present (process gone?)";
        CpuReason = File.Exists("/proc/stat") ? null : "/proc/stat not present";
        PeakReset = TryResetPeak(processId);
    }

    public string? GpuReason { get; }

    public string? RaplReason { get; }

    public string? RssReason { get; }

    public string? CpuReason { get; }

    /// <summary>True when VmHWM was reset at open, so it measures this window rather than the process lifetime.</summary>
    public bool PeakReset { get; }

    public IReadOnlyList<string> GpuNames => _nvml?.Names ?? [];

    public ulong? RaplMaxRange => _rapl?.MaxRangeMicroJoules;

    public IReadOnlyList<TelemetrySource> Sources =>
    [
        Source("/proc/stat", "system CPU %", CpuReason, "/proc/stat"),
        Source("/proc/<pid>/status", "process RSS, peak RSS (VmHWM)", RssReason, _statusPath),
        Source("NVML", "GPU memory, utilization, power, energy", GpuReason, $"{NvmlInterop.Library}, {GpuNames.Count} GPU(s)"),
        Source("RAPL", "CPU package energy", RaplReason, _rapl?.EnergyPath ?? string.Empty),
    ];

    public TelemetrySample Sample(TimeSpan time)
    {
        var status = ReadOrNull(_statusPath);
        var cpuTimes = ReadOrNull("/proc/stat") is { } stat ? ProcFiles.ParseCpuTimes(stat) : null;
        double? cpu = _previousCpu is { } previous && cpuTimes is { } current ? ProcFiles.CpuPercent(previous, current) : null;
        _previousCpu = cpuTimes ?? _previousCpu;
        var gpus = new GpuSample[_nvml?.Names.Count ?? 0];
        for (var i = 0; i < gpus.Length; i++)
        {
            var r = _nvml!.Read(i);
            gpus[i] = new GpuSample(i, r.MemoryUsedBytes, r.UtilizationPercent, r.PowerWatts, r.EnergyMilliJoules);
        }

        return new TelemetrySample(time, status is null ? null : ProcFiles.StatusBytes(status, "VmRSS"), cpu, gpus, _rapl?.Read());
    }

    public long? ReadPeakRss() => ReadOrNull(_statusPath) is { } status ? ProcFiles.StatusBytes(status, "VmHWM") : null;

    public void Dispose() => _nvml?.Dispose();

    private static TelemetrySource Source(string name, string measures, string? reason, string where) =>
        new(name, measures, reason is null, reason ?? where);

    private static bool TryResetPeak(int processId)
    {
        try
        {
            // "5" resets the peak RSS (VmHWM) of the process (Linux 4.0+); it touches nothing else.
            File.WriteAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/clear_refs"), "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
