namespace JanTune.Core.Hardware;

/// <summary>Counts physical cores from sysfs when /proc/cpuinfo carries no core ids (Arm, some VMs).</summary>
internal static class CpuTopology
{
    private const string CpuRoot = "/sys/devices/system/cpu";

    public static int CountPhysicalCores()
    {
        if (!Directory.Exists(CpuRoot))
        {
            return 0;
        }

        var cores = new HashSet<(string, string)>();
        foreach (var dir in Directory.EnumerateDirectories(CpuRoot, "cpu*"))
        {
            var topology = Path.Combine(dir, "topology");
            var coreId = Path.Combine(topology, "core_id");
            if (File.Exists(coreId))
            {
                var package = Path.Combine(topology, "physical_package_id");
                cores.Add((File.Exists(package) ? File.ReadAllText(package).Trim() : "0", File.ReadAllText(coreId).Trim()));
            }
        }

        return cores.Count;
    }
}
