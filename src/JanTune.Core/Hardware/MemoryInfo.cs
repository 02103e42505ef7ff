namespace JanTune.Core.Hardware;

/// <summary>System memory from /proc/meminfo.</summary>
/// <param name="TotalBytes">MemTotal: installed RAM less what the kernel reserves.</param>
/// <param name="AvailableBytes">MemAvailable: what new work can get without swapping; changes with load.</param>
public sealed record MemoryInfo(long TotalBytes, long AvailableBytes)
{
    /// <summary>Parses /proc/meminfo text; values there are in KiB.</summary>
    public static MemoryInfo Parse(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        long total = 0, available = -1, free = 0;
        foreach (var line in meminfo.Split('\n'))
        {
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var kib))
            {
                continue;
            }

            switch (parts[0])
            {
                case "MemTotal:": total = kib * 1024; break;
                case "MemAvailable:": available = kib * 1024; break;
                case "MemFree:": free = kib * 1024; break;
                default: break;
            }
        }

        // Kernels before 3.14 have no MemAvailable; MemFree is the closest honest lower bound.
        return new MemoryInfo(total, available >= 0 ? available : free);
    }
}
