namespace JanTune.Core.Models;

/// <summary>Names of <see cref="ModelQuantization"/> as users type them (f16, q8_0, q4_0, q4_k_m).</summary>
public static class ModelQuantizations
{
    public static IReadOnlyList<ModelQuantization> All { get; } =
        [ModelQuantization.F16, ModelQuantization.Q8_0, ModelQuantization.Q4_0, ModelQuantization.Q4_K_M];

    /// <summary>The lower-case name, e.g. "q4_k_m".</summary>
    public static string ToName(this ModelQuantization quantization) =>
        Enum.IsDefined(quantization)
            ? quantization.ToString().ToLowerInvariant()
            : throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "Not a supported quantization.");

    /// <summary>The llama_ftype id llama_model_quantize takes.</summary>
    public static int FileTypeId(this ModelQuantization quantization) => (int)quantization;

    /// <summary>Parses a name such as "q4_0" or "Q4_K_M" (case-insensitive; '-' accepted for '_').</summary>
    /// <exception cref="JanTuneException">The name is not one of the supported quantizations.</exception>
    public static ModelQuantization Parse(string name) =>
        TryParse(name, out var quantization)
            ? quantization
            : throw new JanTuneException(
                $"Unknown quantization '{name}'.",
                $"use one of: {string.Join(", ", All.Select(q => q.ToName()))}");

    public static bool TryParse(string? name, out ModelQuantization quantization)
    {
        var normalized = name?.Trim().Replace('-', '_');
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToName(), normalized, StringComparison.OrdinalIgnoreCase))
            {
                quantization = candidate;
                return true;
            }
        }

        quantization = default;
        return false;
    }
}
