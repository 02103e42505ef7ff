using JanTune.Core.Inference;

namespace JanTune.Core.Models;

/// <summary>
/// Synthetic models on demand: the F16 source is generated once from its seed, quantized variants are made from it
/// by llama.cpp; a <see cref="SyntheticPreset.DirectWrite"/> preset is written in its target type with no F16 file. Files land in the workspace's models/ folder and are reused; concurrent callers serialize on a lock.
/// </summary>
public sealed class ModelStore(JanTunePaths paths)
{
    /// <summary>The path of preset+quantization, generating and quantizing as needed.</summary>
    public string Ensure(SyntheticPreset preset, ModelQuantization quantization, ulong seed = SyntheticModelWriter.DefaultSeed, Action<string>? log = null, string? outDir = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var dir = outDir ?? paths.ModelsDir;
        Directory.CreateDirectory(dir);
        var target = Path.Combine(dir, SyntheticModelNaming.FileName(preset, quantization, seed));
        if (File.Exists(target))
        {
            return target;
        }

        using var gate = FileLock.Acquire(Path.Combine(dir, $".{preset.Name}.lock"));
        if (File.Exists(target))
        {
            return target;
        }

        if (preset.DirectWrite)
        {
            log?.Invoke($"writing {Path.GetFileName(target)} directly in {quantization.ToName()}, tensor by tensor (seed {seed})...");
            SyntheticModelWriter.WriteDirect(preset, quantization, seed, target);
            return target;
        }

        var f16 = Path.Combine(dir, SyntheticModelNaming.FileName(preset, ModelQuantization.F16, seed));
        if (!File.Exists(f16))
        {
            log?.Invoke($"generating {Path.GetFileName(f16)} (seed {seed})...");
            SyntheticModelWriter.WriteF16(preset, seed, f16);
        }

        if (quantization != ModelQuantization.F16)
        {
            log?.Invoke($"quantizing to {Path.GetFileName(target)} with llama.cpp...");
            ModelQuantizer.Quantize(f16, target, quantization.FileTypeId(), Math.Max(1, Environment.ProcessorCount));
        }

        return target;
    }
}
