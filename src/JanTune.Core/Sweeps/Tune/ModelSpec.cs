namespace JanTune.Core.Sweeps.Tune;

/// <summary>A model to sweep: a user's GGUF file, or a synthetic preset generated on first use.</summary>
/// <param name="Path">GGUF path (absolute or relative to the workspace), or null for a preset.</param>
/// <param name="Preset">Synthetic preset name (tiny, 125m, 1b, 7b), or null for a file.</param>
public sealed record ModelSpec(string? Path, string? Preset)
{
    public static ModelSpec File(string path) => new(path, null);

    public static ModelSpec Synthetic(string preset) => new(null, preset);

    public override string ToString() => Path ?? "preset " + Preset;
}
