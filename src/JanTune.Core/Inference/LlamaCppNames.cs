using System.Diagnostics.CodeAnalysis;
using JanTune.Core.Gguf;

namespace JanTune.Core.Inference;

/// <summary>
/// The one table from JanTune's closed sets to llama.cpp's spellings (common/arg.cpp: -fa on|off|auto, -ctk/-ctv
/// type names, -sm none|layer|row|tensor). Exporters write these, readers and the serve flags parse them.
/// </summary>
public static class LlamaCppNames
{
    private static readonly (GgmlType Type, string Name)[] CacheTypes =
    [
        (GgmlType.F32, "f32"), (GgmlType.F16, "f16"), (GgmlType.BF16, "bf16"), (GgmlType.Q8_0, "q8_0"),
        (GgmlType.Q4_0, "q4_0"), (GgmlType.Q4_1, "q4_1"), (GgmlType.IQ4_NL, "iq4_nl"), (GgmlType.Q5_0, "q5_0"),
        (GgmlType.Q5_1, "q5_1"),
    ];

    private static readonly (SplitMode Mode, string Name)[] SplitModes =
        [(SplitMode.None, "none"), (SplitMode.Layer, "layer"), (SplitMode.Row, "row"), (SplitMode.Tensor, "tensor")];

    /// <summary>The cache type names llama.cpp accepts (its kv_cache_types list), in its order.</summary>
    public static IReadOnlyList<string> CacheTypeNames { get; } = [.. CacheTypes.Select(c => c.Name)];

    public static IReadOnlyList<string> SplitModeNames { get; } = [.. SplitModes.Select(s => s.Name)];

    /// <summary>Whether llama.cpp accepts <paramref name="type"/> for the KV cache (type_k / type_v).</summary>
    public static bool IsCacheType(GgmlType type) => CacheTypes.Any(c => c.Type == type);

    /// <summary>
    /// <paramref name="type"/> when llama.cpp accepts it for the KV cache; otherwise a typed error, before a native
    /// call that would abort the process on it.
    /// </summary>
    public static GgmlType CheckCacheType(GgmlType type) => IsCacheType(type)
        ? type
        : throw new ArgumentOutOfRangeException(nameof(type), type, "not a KV cache type llama.cpp accepts: " + string.Join(", ", CacheTypeNames));

    public static string Name(this GgmlType type) =>
        CacheTypes.FirstOrDefault(c => c.Type == type).Name ?? throw new ArgumentOutOfRangeException(nameof(type), type, "not a KV cache type llama.cpp accepts");

    public static string Name(this FlashAttention flash) => flash switch
    {
        FlashAttention.On => "on",
        FlashAttention.Off => "off",
        _ => "auto",
    };

    public static string Name(this SplitMode mode) =>
        SplitModes.FirstOrDefault(s => s.Mode == mode).Name ?? throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a split mode");

    public static bool TryParseCacheType(string? text, out GgmlType type)
    {
        var hit = CacheTypes.FirstOrDefault(c => string.Equals(c.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        type = hit.Type;
        return hit.Name is not null;
    }

    public static bool TryParseSplitMode(string? text, out SplitMode mode)
    {
        var hit = SplitModes.FirstOrDefault(s => string.Equals(s.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        mode = hit.Mode;
        return hit.Name is not null;
    }

    /// <summary>Flash attention as llama.cpp's is_truthy/is_falsey/is_autoy read it (on/enabled/true/1 …), plus YAML booleans.</summary>
    public static bool TryParseFlashAttention([NotNullWhen(true)] string? text, out FlashAttention flash)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "on" or "enabled" or "true" or "1":
                flash = FlashAttention.On;
                return true;
            case "off" or "disabled" or "false" or "0":
                flash = FlashAttention.Off;
                return true;
            case "auto" or "-1":
                flash = FlashAttention.Auto;
                return true;
            default:
                flash = FlashAttention.Auto;
                return false;
        }
    }
}
