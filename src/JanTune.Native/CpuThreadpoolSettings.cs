using System.Globalization;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// How the CPU backend's worker threads run: the knobs llama-bench sweeps (--poll, --cpu-mask, --cpu-strict, --prio)
/// with its defaults. A context gets a persistent threadpool with these settings; without one, the non-OpenMP CPU
/// backend starts and joins its workers on every graph compute, which costs more than the work on a GPU trial.
/// </summary>
public sealed record CpuThreadpoolSettings
{
    /// <summary>llama-bench's and llama-server's defaults: poll 50, no mask, not strict, normal priority.</summary>
    public static CpuThreadpoolSettings Default { get; } = new();

    /// <summary>0 = workers sleep between graphs, 100 = they spin the longest before sleeping.</summary>
    public int Poll { get; init; } = 50;

    /// <summary>Hex CPU mask as llama.cpp parses it (bit i = CPU i, "0x" optional); "0x0" = default affinity.</summary>
    public string CpuMask { get; init; } = "0x0";

    /// <summary>Pin each worker to one CPU of the mask instead of letting it float over the whole mask.</summary>
    public bool StrictCpu { get; init; }

    public GgmlSchedPriority Priority { get; init; } = GgmlSchedPriority.Normal;

    /// <summary>Checks the fields the way llama.cpp would reject them; null when valid, else what is wrong.</summary>
    public string? Problem()
    {
        if (Poll is < 0 or > 100)
        {
            return $"poll {Poll.ToString(CultureInfo.InvariantCulture)} is outside 0..100";
        }

        return TryParseMask(CpuMask, out _, out var error) ? null : error;
    }

    /// <summary>llama.cpp's parse_cpu_mask (common/common.cpp): up to 128 hex digits, the last digit is CPUs 0-3.</summary>
    public static bool TryParseMask(string mask, out bool[] cpus, out string? error)
    {
        ArgumentNullException.ThrowIfNull(mask);
        cpus = new bool[GgmlThreadpoolParams.MaxThreads];
        error = null;
        var digits = mask.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? mask[2..] : mask;
        if (digits.Length is 0 or > GgmlThreadpoolParams.MaxThreads / 4)
        {
            error = $"cpu mask \"{mask}\" must have 1 to {GgmlThreadpoolParams.MaxThreads / 4} hex digits";
            return false;
        }

        for (var i = 0; i < digits.Length; i++)
        {
            if (!int.TryParse(digits.AsSpan(i, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nibble))
            {
                error = $"cpu mask \"{mask}\" has a character that is not hex: '{digits[i]}'";
                return false;
            }

            var top = ((digits.Length - i) * 4) - 1;
            for (var bit = 0; bit < 4; bit++)
            {
                cpus[top - 3 + bit] |= (nibble & (1 << bit)) != 0;
            }
        }

        return true;
    }
}
