using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JanTune.Core.Gguf;
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

    /// <summary>A context size of 16..2^24 tokens, or "test" (<see cref="TuneSpec.ContextPerTest"/>).</summary>
    internal static bool ReadContextSize(JsonElement e, out int value)
    {
        value = 0;
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString() == "test";
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value) && value is >= 16 and <= 1 << 24;
    }

    internal static bool ReadEngine(JsonElement e, out SweepEngine value)
    {
        value = SweepEngine.Npm;
        return e.ValueKind == JsonValueKind.String && SweepEngines.TryParse(e.GetString(), out value);
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

    internal static bool ReadCacheType(JsonElement e, out GgmlType value)
    {
        value = e.ValueKind == JsonValueKind.String ? e.GetString() switch
        {
            "f16" => GgmlType.F16,
            "q8_0" => GgmlType.Q8_0,
            "q4_0" => GgmlType.Q4_0,
            _ => (GgmlType)(-1),
        } : (GgmlType)(-1);
        return Enum.IsDefined(value);
    }

    internal static bool ReadSplitMode(JsonElement e, out SplitMode value)
    {
        value = e.ValueKind == JsonValueKind.String ? e.GetString() switch
        {
            "none" => SplitMode.None,
            "layer" => SplitMode.Layer,
            "row" => SplitMode.Row,
            "tensor" => SplitMode.Tensor,
            _ => (SplitMode)(-1),
        } : (SplitMode)(-1);
        return Enum.IsDefined(value);
    }

    /// <summary>
    /// "auto" (by free memory, llama.cpp's default) or one proportion per GPU, as "3,1" or [3, 1]; normalized to the
    /// invariant "3,1" form <see cref="TrialConfig.TensorSplit"/> keeps ("" for auto).
    /// </summary>
    internal static bool ReadTensorSplit(JsonElement e, out string value)
    {
        value = string.Empty;
        double[] parts;
        if (e.ValueKind == JsonValueKind.String && e.GetString() == "auto")
        {
            return true;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            var pieces = e.GetString()!.Split(',', StringSplitOptions.TrimEntries);
            parts = new double[pieces.Length];
            for (var i = 0; i < pieces.Length; i++)
            {
                if (!double.TryParse(pieces[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parts[i]))
                {
                    return false;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number))
        {
            parts = e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        }
        else
        {
            return false;
        }

        if (parts.Length is 0 or > MaxTensorSplitDevices || parts.Any(p => !double.IsFinite(p) || p < 0) || parts.All(p => p == 0))
        {
            return false;
        }

        value = string.Join(',', parts.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        return true;
    }

    /// <summary>llama_max_devices() of the pinned build.</summary>
    internal const int MaxTensorSplitDevices = 16;

    internal static bool ReadOverrideTensor(JsonElement e, out string? value)
    {
        value = null;
        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = e.GetString()!.Trim() == "none" ? null : Inference.TensorOverrides.Normalize(e.GetString());
            return true;
        }
        catch (JanTuneException)
        {
            return false;
        }
    }

    internal static bool ReadCpuMask(JsonElement e, out string value)
    {
        value = e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty;
        return e.ValueKind == JsonValueKind.String && Native.CpuThreadpoolSettings.TryParseMask(value, out _, out _);
    }

    internal static bool ReadPriority(JsonElement e, out Native.Interop.GgmlSchedPriority value)
    {
        value = Native.Interop.GgmlSchedPriority.Normal;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && Enum.IsDefined((Native.Interop.GgmlSchedPriority)n))
        {
            value = (Native.Interop.GgmlSchedPriority)n;
            return true;
        }

        return e.ValueKind == JsonValueKind.String && Enum.TryParse(e.GetString(), ignoreCase: true, out value) && Enum.IsDefined(value)
            && !int.TryParse(e.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);
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
