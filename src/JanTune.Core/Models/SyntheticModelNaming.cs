namespace JanTune.Core.Models;

/// <summary>File names of generated models: <c>&lt;preset&gt;-&lt;quant&gt;.gguf</c>, with <c>-s&lt;seed&gt;</c> only for a non-default seed.</summary>
public static class SyntheticModelNaming
{
    /// <summary>For example "1b-q4_0.gguf", or "1b-q4_0-s7.gguf" for seed 7.</summary>
    public static string FileName(SyntheticPreset preset, ModelQuantization quantization, ulong seed = SyntheticModelWriter.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var seedPart = seed == SyntheticModelWriter.DefaultSeed ? string.Empty : $"-s{seed}";
        return $"{preset.Name}-{quantization.ToName()}{seedPart}.gguf";
    }
}
