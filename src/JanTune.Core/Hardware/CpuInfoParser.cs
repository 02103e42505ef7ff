namespace JanTune.Core.Hardware;

/// <summary>Reads the vendor, model and core counts out of /proc/cpuinfo text.</summary>
internal static class CpuInfoParser
{
    public static (string Vendor, string Model, int Physical, int Logical, IReadOnlySet<string> Flags) Parse(string text)
    {
        string? vendor = null, model = null;
        var logical = 0;
        var cores = new HashSet<(string Package, string Core)>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string package = "0";
        foreach (var raw in text.Split('\n'))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = raw[..colon].Trim();
            var value = raw[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor": logical++; break;
                case "vendor_id" or "CPU implementer": vendor ??= value; break;
                case "model name" or "Hardware" or "cpu model": model ??= value; break;
                case "physical id": package = value; break;
                case "core id": cores.Add((package, value)); break;
                case "flags" or "Features": flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                default: break;
            }
        }

        // Arm kernels print no core ids; the caller falls back to sysfs topology when Physical is 0.
        return (vendor ?? "unknown", model ?? "unknown", cores.Count, logical, flags);
    }
}
