using System.Globalization;
using JanTune.Core;
using JanTune.Core.Modeling;

namespace JanTune.Cli.Commands;

/// <summary>Parses sizes a person types: 8GiB, 512MiB, 4GB, 1500000000; headroom as 10% or a size.</summary>
internal static class SizeParser
{
    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("tib", 1L << 40),
        ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("k", 1L << 10), ("m", 1L << 20), ("g", 1L << 30), ("b", 1),
    ];

    public static long? Bytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim().ToLowerInvariant();
        foreach (var (suffix, factor) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(s[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            {
                return (long)(v * factor);
            }
        }

        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var raw)
            ? raw
            : throw new JanTuneException($"cannot read '{text}' as a size", "write e.g. 8GiB, 512MiB or 4GB");
    }

    public static MemoryHeadroom Headroom(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MemoryHeadroom.None;
        }

        var s = text.Trim();
        if (s.EndsWith('%'))
        {
            return double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct is >= 0 and < 100
                ? new MemoryHeadroom(pct / 100)
                : throw new JanTuneException($"cannot read '{text}' as headroom", "write e.g. 10% or 512MiB");
        }

        return new MemoryHeadroom(0, Bytes(s) ?? 0);
    }
}
