using System.Runtime.InteropServices;

namespace JanTune.Core.Hardware;

/// <summary>
/// Detects the machine from /proc, /sys and CPUID. Devices and the llama.cpp build come from the backends passed in,
/// because only the loaded ggml backends know them; this class never loads native code itself.
/// </summary>
public static class HardwareDetector
{
    /// <summary>Detects CPU, RAM and OS and combines them with <paramref name="backends"/>.</summary>
    public static HardwareInfo Detect(IEnumerable<BackendSnapshot> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var list = backends.ToList();
        var variant = list.Select(b => b.CpuVariant).FirstOrDefault(v => v is not null) ?? GgmlCpuVariant.FromProcessMaps();
        return new HardwareInfo(DetectCpu(), DetectMemory(), DetectOs(), variant, list);
    }

    /// <summary>Detects the CPU: model and topology from the kernel, extensions from CPUID.</summary>
    public static CpuInfo DetectCpu()
    {
        var (vendor, model, physical, logical, _) = CpuInfoParser.Parse(ReadOrEmpty("/proc/cpuinfo"));
        if (logical == 0)
        {
            logical = Environment.ProcessorCount;
        }

        if (physical == 0)
        {
            physical = CpuTopology.CountPhysicalCores();
        }

        // Without any topology assume no SMT: overstating cores is safer than inventing hyper-threads.
        physical = physical is > 0 ? Math.Min(physical, logical) : logical;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return new CpuInfo(arch, vendor, model, physical, logical, IsaExtensions.Detect());
    }

    /// <summary>Total and available RAM from /proc/meminfo.</summary>
    public static MemoryInfo DetectMemory() => MemoryInfo.Parse(ReadOrEmpty("/proc/meminfo"));

    /// <summary>Distribution from /etc/os-release and kernel release from /proc/sys/kernel/osrelease.</summary>
    public static OsInfo DetectOs()
    {
        var name = OsInfo.PrettyName(ReadOrEmpty("/etc/os-release")) ?? RuntimeInformation.OSDescription;
        var kernel = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim();
        return new OsInfo(name, kernel.Length > 0 ? kernel : "unknown");
    }

    internal static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
