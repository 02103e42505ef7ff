using System.Text.RegularExpressions;

namespace JanTune.Core.Hardware;

/// <summary>
/// Tells which CPU variant ggml loaded. ggml picks the best <c>libggml-cpu-&lt;variant&gt;.so</c> by score at run time
/// and does not report the choice, but the loader maps the file into the process, so /proc/self/maps names it.
/// </summary>
public static partial class GgmlCpuVariant
{
    /// <summary>The variant mapped into this process (for example <c>haswell</c>), or null when none is loaded.</summary>
    public static string? FromProcessMaps()
    {
        try
        {
            return FromMaps(File.ReadLines("/proc/self/maps"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The variant named by the first <c>libggml-cpu-*.so</c> path among <paramref name="mapsLines"/>.</summary>
    public static string? FromMaps(IEnumerable<string> mapsLines)
    {
        ArgumentNullException.ThrowIfNull(mapsLines);
        foreach (var line in mapsLines)
        {
            var match = VariantPattern().Match(line);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"/libggml-cpu-([A-Za-z0-9_]+)\.so(?:\.[0-9.]+)?\s*$")]
    private static partial Regex VariantPattern();
}
