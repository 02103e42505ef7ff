namespace JanTune.Core.Models;

/// <summary>The synthetic model shapes JanTune can generate.</summary>
public static class SyntheticPresets
{
    /// <summary>A few MB; for tests. Dimensions are multiples of 256 so K-quants work.</summary>
    public static SyntheticPreset Tiny { get; } = new("tiny", 2, 256, 768, 4, 2, 1024, 2048);

    /// <summary>About 134M weights: 12 layers of 768, GQA with 4 KV heads.</summary>
    public static SyntheticPreset Small { get; } = new("125m", 12, 768, 2048, 12, 4, 32000, 2048);

    /// <summary>TinyLlama-1.1B's shape.</summary>
    public static SyntheticPreset TinyLlama { get; } = new("1b", 22, 2048, 5632, 32, 4, 32000, 2048);

    /// <summary>Llama-2-7B's shape.</summary>
    public static SyntheticPreset Llama2_7B { get; } = new("7b", 32, 4096, 11008, 32, 32, 32000, 4096);

    public static IReadOnlyList<SyntheticPreset> All { get; } = [Tiny, Small, TinyLlama, Llama2_7B];

    /// <summary>The preset with this name (case-insensitive).</summary>
    /// <exception cref="JanTuneException">No preset has that name; the message lists the valid ones.</exception>
    public static SyntheticPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new JanTuneException(
                $"Unknown synthetic model preset '{name}'.",
                $"use one of: {string.Join(", ", All.Select(p => p.Name))}");
    }
}
