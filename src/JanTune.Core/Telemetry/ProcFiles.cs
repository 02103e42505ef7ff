using System.Globalization;

namespace JanTune.Core.Telemetry;

/// <summary>Parsers for the /proc files the sampler reads every tick; kept allocation-light and exception-free.</summary>
internal static class ProcFiles
{
    /// <summary>Busy and total jiffies from the aggregate <c>cpu</c> line of /proc/stat.</summary>
    public static (ulong Busy, ulong Total)? ParseCpuTimes(string stat)
    {
        var end = stat.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? stat : stat[..end];
        if (!line.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return null;
        }

        ulong total = 0, idle = 0;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
        for (var i = 1; i < fields.Length && i <= 8; i++)
        {
            if (!ulong.TryParse(fields[i], CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            total += value;
            if (i is 4 or 5)
            {
                idle += value;
            }
        }

        return (total - idle, total);
    }

    /// <summary>Busy percent between two /proc/stat readings, or null when no time passed.</summary>
    public static double? CpuPercent((ulong Busy, ulong Total) previous, (ulong Busy, ulong Total) current)
    {
        var total = current.Total - previous.Total;
        return total == 0 || current.Total < previous.Total ? null : 100.0 * (current.Busy - previous.Busy) / total;
    }

    /// <summary>A <c>Vm*:</c> field of /proc/&lt;pid&gt;/status in bytes (the file says kB), or null.</summary>
    public static long? StatusBytes(string status, string field)
    {
        var start = status.IndexOf(field + ":", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = status.IndexOf('\n', start);
        var parts = status[(start + field.Length + 1)..(end < 0 ? status.Length : end)].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }
}
