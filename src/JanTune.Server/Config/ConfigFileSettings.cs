using JanTune.Core.Sweeps;

namespace JanTune.Server.Config;

/// <summary>
/// What a runtime config file (Jan or cortex model.yml, a llama-server script, an Ollama Modelfile) sets: the llama.cpp
/// settings as one <see cref="TrialConfig"/>, of which only the fields named in <see cref="Origins"/> come from the
/// file (the rest are TrialConfig's defaults and are not applied), plus the serving-only knobs beside it.
/// <see cref="Origins"/> says which key of which file each value came from, so serve can log it; <see cref="NotApplied"/>
/// lists keys read that serve does not use (sampling defaults).
/// </summary>
public sealed record ConfigFileSettings
{
    /// <summary>The file's llama.cpp settings; <see cref="TrialConfig.ModelPath"/> is absolute (a relative path is resolved the way the runtime resolves it).</summary>
    public TrialConfig Config { get; init; } = new() { Backend = "cpu", ModelPath = string.Empty, Quant = string.Empty };

    /// <summary>The model file, when the file names one.</summary>
    public string? ModelPath => Sets(nameof(TrialConfig.ModelPath)) ? Config.ModelPath : null;

    /// <summary>Server slots.</summary>
    public int? Parallel { get; init; }

    /// <summary>One KV buffer for all slots.</summary>
    public bool? KvUnified { get; init; }

    /// <summary>
    /// The file's n_gpu_layers is -1, which Jan and llama.cpp read as auto (llama.cpp's fit chooses the layers), not
    /// "all"; <see cref="TrialConfig.GpuLayers"/> then holds -1 and serve must not apply it as all.
    /// </summary>
    public bool GpuLayersAuto { get; init; }

    /// <summary>
    /// The file's context is the total its slots share (Jan: ctx_size is one unified KV cache for all of its slots),
    /// not a per-slot size.
    /// </summary>
    public bool SharedContext { get; init; }

    /// <summary>Property name (of <see cref="TrialConfig"/>, or Parallel / KvUnified) → "file: key" it was read from.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> NotApplied { get; init; } = [];

    /// <summary>Whether the file sets this property.</summary>
    public bool Sets(string property) => Origins.ContainsKey(property);

    public string? Origin(string property) => Origins.GetValueOrDefault(property);
}
