using System.Globalization;

namespace JanTune.Core.Sweeps;

/// <summary>
/// A llama-bench test: pp N (one prompt of N random tokens, decoded in n_batch chunks) or tg N (N single-token
/// decodes), starting at KV depth D (tg128 @ d512 is a different test from tg128).
/// </summary>
public sealed record TrialTest(TestKind Kind, int Tokens, int Depth = 0)
{
    public static TrialTest Pp512 { get; } = new(TestKind.Prompt, 512);

    public static TrialTest Tg128 { get; } = new(TestKind.Generation, 128);

    /// <summary>llama-bench's name: pp512, tg128, tg128@d512.</summary>
    public string Name => (Kind == TestKind.Prompt ? "pp" : "tg") + Tokens.ToString(CultureInfo.InvariantCulture)
        + (Depth > 0 ? "@d" + Depth.ToString(CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>Parses pp512, tg128, tg128@d512.</summary>
    public static TrialTest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        var depth = 0;
        var at = s.IndexOf("@d", StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!int.TryParse(s[(at + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth < 0)
            {
                throw new FormatException($"bad depth in test '{text}' (expected e.g. tg128@d512)");
            }

            s = s[..at];
        }

        var kind = s.StartsWith("pp", StringComparison.Ordinal) ? TestKind.Prompt
            : s.StartsWith("tg", StringComparison.Ordinal) ? TestKind.Generation
            : throw new FormatException($"unknown test '{text}' (expected ppN, tgN or tgN@dD)");
        if (!int.TryParse(s[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            throw new FormatException($"bad token count in test '{text}' (expected a positive number, e.g. pp512)");
        }

        return new TrialTest(kind, n, depth);
    }

    public override string ToString() => Name;
}

/// <summary>Prompt processing (prefill) or generation (decode).</summary>
public enum TestKind
{
    Prompt,
    Generation,
}
