using System.Globalization;
using System.Text.RegularExpressions;

namespace JanTune.Core.Inference;

/// <summary>
/// Tensor buffer-type overrides as llama.cpp's <c>-ot / --override-tensor</c> spells them (common/arg.cpp
/// parse_tensor_buffer_overrides): <c>pattern=BUFT[,pattern=BUFT...]</c>, split at commas, each at its first '=',
/// the pattern a regular expression searched in tensor names. This is also what <c>llama-fit-params</c> prints for
/// the placement <c>--fit</c> chose, so that choice can be measured as a configuration of its own.
/// JanTune places tensors in host memory only (<c>=CPU</c>): the override every expert placement uses on one GPU.
/// </summary>
public static partial class TensorOverrides
{
    /// <summary>The one buffer type JanTune applies: ggml's CPU buffer type, as llama.cpp names it.</summary>
    public const string HostBufferType = "CPU";

    /// <summary>
    /// The patterns of <paramref name="value"/>, each bound to <see cref="HostBufferType"/>; empty for null or blank.
    /// </summary>
    /// <exception cref="JanTuneException">
    /// An entry without '=', an empty pattern, a pattern that is not a regular expression, or a buffer type other than CPU.
    /// </exception>
    public static IReadOnlyList<string> CpuPatterns(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var patterns = new List<string>();
        foreach (var entry in value.Trim().Split(','))
        {
            var at = entry.IndexOf('=', StringComparison.Ordinal);
            if (at < 0)
            {
                throw new JanTuneException(
                    $"tensor override '{entry}' has no buffer type",
                    "write pattern=CPU, e.g. blk\\.(2[0-9])\\.ffn_.*_exps=CPU (llama.cpp's -ot syntax)");
            }

            var pattern = entry[..at];
            var bufferType = entry[(at + 1)..];
            if (pattern.Length == 0)
            {
                throw new JanTuneException($"tensor override '{entry}' has an empty pattern", "put a regular expression matching tensor names before '='");
            }

            if (!string.Equals(bufferType, HostBufferType, StringComparison.Ordinal))
            {
                throw new JanTuneException(
                    $"tensor override '{entry}' places tensors in '{bufferType}'; JanTune applies host-memory overrides (=CPU) only",
                    "use =CPU (expert placement on one GPU), or llama-server's -ot for other buffer types");
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new JanTuneException($"tensor override pattern '{pattern}' is not a regular expression: {ex.Message}", "fix the pattern (llama.cpp searches tensor names with it)");
            }

            patterns.Add(pattern);
        }

        return patterns;
    }

    /// <summary>
    /// <paramref name="value"/> as a configuration stores it: trimmed, or null when it has no override.
    /// </summary>
    /// <exception cref="JanTuneException">The value is not a valid host-memory override (see <see cref="CpuPatterns"/>).</exception>
    public static string? Normalize(string? value) => CpuPatterns(value).Count == 0 ? null : value!.Trim();

    /// <summary>
    /// The layers an override reaches, read from the patterns' <c>blk\.N\.</c> prefixes (what --fit and --n-cpu-moe
    /// write); null when a pattern names no single layer (it may reach every layer).
    /// </summary>
    public static IReadOnlySet<int>? Layers(string? value)
    {
        var layers = new HashSet<int>();
        foreach (var pattern in CpuPatterns(value))
        {
            var m = LayerPrefix().Match(pattern);
            if (!m.Success)
            {
                return null;
            }

            layers.Add(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return layers;
    }

    [GeneratedRegex(@"^\^?blk\\\.(\d+)\\\.")]
    private static partial Regex LayerPrefix();
}
