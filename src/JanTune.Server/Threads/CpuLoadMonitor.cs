using System.Diagnostics;
using JanTune.Core.Telemetry;

namespace JanTune.Server.Threads;

/// <summary>
/// Reads system CPU busy time (/proc/stat, through the telemetry parsers) and this process's CPU time, giving a
/// <see cref="LoadReading"/> per call over the interval since the previous one. Not thread-safe: one timer owns it.
/// </summary>
internal sealed class CpuLoadMonitor(TimeProvider time)
{
    private (ulong Busy, ulong Total)? _previousSystem;
    private TimeSpan _previousOwn;
    private long _previousStamp;

    /// <summary>The load since the last call, or null on the first call or when /proc/stat is unreadable.</summary>
    public LoadReading? Read()
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var system = ProcFiles.ParseCpuTimes(stat);
        using var process = Process.GetCurrentProcess();
        var own = process.TotalProcessorTime;
        var stamp = time.GetTimestamp();
        LoadReading? reading = null;
        if (_previousSystem is { } previous && system is { } current && ProcFiles.CpuPercent(previous, current) is { } busy)
        {
            var wall = time.GetElapsedTime(_previousStamp, stamp);
            var ownPercent = wall > TimeSpan.Zero ? 100.0 * (own - _previousOwn).TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount : 0;
            reading = new LoadReading(busy, Math.Clamp(ownPercent, 0, 100));
        }

        _previousSystem = system ?? _previousSystem;
        _previousOwn = own;
        _previousStamp = stamp;
        return reading;
    }
}
