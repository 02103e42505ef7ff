using System.Globalization;

namespace JanTune.Core.Telemetry;

/// <summary>
/// The RAPL package-0 energy counter in /sys/class/powercap. Often absent (VMs, non-Intel kernels without the
/// driver) and, since CVE-2020-8694, readable by root only; both cases are reported, never papered over.
/// </summary>
internal sealed class RaplCounter
{
    public const string Zone = "/sys/class/powercap/intel-rapl:0";

    private RaplCounter(string energyPath, ulong maxRange)
    {
        EnergyPath = energyPath;
        MaxRangeMicroJoules = maxRange;
    }

    public string EnergyPath { get; }

    /// <summary>The value at which energy_uj wraps back to zero.</summary>
    public ulong MaxRangeMicroJoules { get; }

    public static RaplCounter? TryOpen(string zone, out string? reason)
    {
        var energy = Path.Combine(zone, "energy_uj");
        if (!File.Exists(energy))
        {
            reason = $"RAPL: {energy} not present";
            return null;
        }

        try
        {
            var range = ulong.Parse(File.ReadAllText(Path.Combine(zone, "max_energy_range_uj")).Trim(), CultureInfo.InvariantCulture);
            var counter = new RaplCounter(energy, range);
            _ = ulong.Parse(File.ReadAllText(energy).Trim(), CultureInfo.InvariantCulture);
            reason = null;
            return counter;
        }
        catch (UnauthorizedAccessException)
        {
            reason = "RAPL: permission denied (root only)";
            return null;
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException)
        {
            reason = $"RAPL: {energy} unreadable ({ex.Message})";
            return null;
        }
    }

    public ulong? Read()
    {
        try
        {
            return ulong.Parse(File.ReadAllText(EnergyPath).AsSpan().Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
