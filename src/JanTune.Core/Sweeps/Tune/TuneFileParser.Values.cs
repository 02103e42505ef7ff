using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Core.Sweeps.Tune;

public static partial class TuneFileParser
{
    internal delegate bool ValueReader<T>(JsonElement element, out T value);

    internal static bool ReadQuantization(JsonElement e, out ModelQuantization value)
    {
        value = default;
        return e.ValueKind == JsonValueKind.String && ModelQuantizations.TryParse(e.GetString(), out value);
    }

    internal static bool ReadFlashAttention(JsonElement e, out FlashAttention value)
    {
        value = e.ValueKind == JsonValueKind.String ? e.GetString() switch
        {
            "on" => Inference.FlashAttention.On,
            "off" => Inference.FlashAttention.Off,
            "auto" => Inference.FlashAttention.Auto,
            _ => (FlashAttention)99,
        } : (FlashAttention)99;
        return Enum.IsDefined(value);
    }

    internal static bool ReadCacheType(JsonElement e, out KvCacheType value)
    {
        value = e.ValueKind == JsonValueKind.String ? e.GetString() switch
        {
            "f16" => KvCacheType.F16,
            "q8_0" => KvCacheType.Q8_0,
            "q4_0" => KvCacheType.Q4_0,
            _ => (KvCacheType)(-1),
        } : (KvCacheType)(-1);
        return Enum.IsDefined(value);
    }

    internal static bool ReadBool(JsonElement e, out bool value)
    {
        value = e.ValueKind == JsonValueKind.True;
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    internal static bool ReadTest(JsonElement e, out TrialTest value)
    {
        value = TrialTest.Pp512;
        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = TrialTest.Parse(e.GetString()!);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Parses "90s", "10m", "1h30m", "1h" into a duration.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        static double Part(Group g) => g.Success ? double.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        value = TimeSpan.FromHours(Part(match.Groups["h"])) + TimeSpan.FromMinutes(Part(match.Groups["m"])) + TimeSpan.FromSeconds(Part(match.Groups["s"]));
        return value > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
