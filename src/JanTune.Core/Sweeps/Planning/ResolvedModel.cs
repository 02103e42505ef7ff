using JanTune.Core.Models;

namespace JanTune.Core.Sweeps.Planning;

/// <summary>A model file the sweep will use, with its layer count (for "auto" NGL).</summary>
/// <param name="Path">Full path of the GGUF file (it may not exist yet for a preset: see <see cref="Preset"/>).</param>
/// <param name="Quant">Quantization label.</param>
/// <param name="Layers">Repeating layers.</param>
/// <param name="FileBytes">Size, or the preset's estimate before generation.</param>
/// <param name="Preset">The synthetic preset to generate it from, null for a user file.</param>
/// <param name="Quantization">The quantization to make from the preset's F16 source, null for a user file.</param>
public sealed record ResolvedModel(string Path, string Quant, int Layers, long FileBytes, SyntheticPreset? Preset, ModelQuantization? Quantization)
{
    /// <summary>The model has routed experts, so expert placement (n_cpu_moe, cpu_moe) is an axis for it.</summary>
    public bool IsMoe { get; init; }
}
