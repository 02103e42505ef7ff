using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JanTune.Core.Hardware;

/// <summary>
/// Turns a <see cref="HardwareInfo"/> into a stable identity. Only what decides performance and does not drift goes in:
/// CPU model, core counts, RAM size class, accelerator models and memory (rounded), backends and the llama.cpp build.
/// Free memory, load and time stay out, so the same machine always gets the same id.
/// </summary>
public static class HardwareFingerprint
{
    private const int Version = 1;

    /// <summary>
    /// The profile id, for example <c>x64-2c-24g-cpu-3fa81c0b9e12</c>: a readable slug, then the first 6 bytes of the
    /// SHA-256 of <see cref="Canonical"/> in lowercase hex. Lowercase letters, digits and dashes only, so it is a safe
    /// folder name. The llama.cpp build is part of it: a new build gives a new profile and results from two builds
    /// are never mixed under one id (<see cref="HardwareProfileStore.Register"/> says when that happened).
    /// </summary>
    public static string ProfileId(HardwareInfo hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var backends = hardware.Backends.Count == 0
            ? "nobackend"
            : string.Join('-', hardware.Backends.Select(b => Slug(b.Backend)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var slug = string.Create(
            CultureInfo.InvariantCulture,
            $"{Slug(hardware.Cpu.Architecture)}-{hardware.Cpu.LogicalCores}c-{RamClassGiB(hardware.Memory.TotalBytes)}g-{backends}");
        return $"{slug}-{Hash(Canonical(hardware, includeBuild: true))}";
    }

    /// <summary>The same hash without the llama.cpp build: equal for two profiles of one machine under different builds.</summary>
    public static string MachineId(HardwareInfo hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        return Hash(Canonical(hardware, includeBuild: false));
    }

    /// <summary>The canonical text that is hashed, one <c>key=value</c> per line, versioned so the scheme can change.</summary>
    public static string Canonical(HardwareInfo hardware, bool includeBuild)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var cpu = hardware.Cpu;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"v={Version}\n");
        text.Append(CultureInfo.InvariantCulture, $"arch={cpu.Architecture}\ncpu={cpu.Vendor}|{cpu.Model}\n");
        text.Append(CultureInfo.InvariantCulture, $"cores={cpu.PhysicalCores}/{cpu.LogicalCores}\n");
        text.Append(CultureInfo.InvariantCulture, $"ram={RamClassGiB(hardware.Memory.TotalBytes)}g\n");
        var accelerators = hardware.Accelerators
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Backend.ToLowerInvariant()}:{d.Type}:{d.Description}:{RoundGiB(d.TotalBytes)}g"))
            .Order(StringComparer.Ordinal);
        foreach (var device in accelerators)
        {
            text.Append(CultureInfo.InvariantCulture, $"device={device}\n");
        }

        var backends = hardware.Backends.Select(b => b.Backend.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        text.Append(CultureInfo.InvariantCulture, $"backends={string.Join(',', backends)}\n");
        if (includeBuild)
        {
            text.Append(CultureInfo.InvariantCulture, $"build={hardware.LlamaBuild ?? "none"}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// RAM rounded to the nearest size class (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 ... GiB: powers of two and
    /// halfway steps, nearest on a log scale), so the few hundred MB the kernel or firmware reserves never change it.
    /// </summary>
    public static int RamClassGiB(long totalBytes)
    {
        var gib = totalBytes / (double)(1L << 30);
        if (gib <= 1)
        {
            return 1;
        }

        var best = 1;
        for (var power = 1; power <= 1 << 20; power <<= 1)
        {
            foreach (var candidate in new[] { power, power * 3 / 2 })
            {
                if (candidate > 0 && Math.Abs(Math.Log(gib / candidate)) < Math.Abs(Math.Log(gib / best)))
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    private static long RoundGiB(long bytes) => (long)Math.Round(bytes / (double)(1L << 30), MidpointRounding.AwayFromZero);

    private static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 6));

    private static string Slug(string value)
    {
        var chars = value.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray();
        return chars.Length == 0 ? "unknown" : new string(chars);
    }
}
