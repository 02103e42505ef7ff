using System.Globalization;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Export;

/// <summary>
/// What an exporter needs: the configuration and the model file, plus the runtime settings that are not part of a
/// trial (server slots, mmap, sampling defaults). Sampling defaults follow llama.cpp's server defaults.
/// </summary>
public sealed record ExportRequest
{
    public required TrialConfig Config { get; init; }

    /// <summary>Display name, e.g. "TinyLlama 1.1B Chat Q4_0".</summary>
    public required string ModelName { get; init; }

    public long ModelSizeBytes { get; init; }

    public string? Sha256 { get; init; }

    /// <summary>Server slots (-np).</summary>
    public int Parallel { get; init; } = 1;

    public bool Mlock { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8080;

    public double Temperature { get; init; } = 0.8;

    public double TopP { get; init; } = 0.95;

    public int TopK { get; init; } = 40;

    public double MinP { get; init; } = 0.05;

    public double FrequencyPenalty { get; init; }

    public double PresencePenalty { get; init; }

    public int MaxTokens { get; init; } = 2048;

    public IReadOnlyList<string> Stop { get; init; } = [];

    public string PromptTemplate { get; init; } = "{system_message}\n{prompt}";

    /// <summary>Jan only: also update the engine-wide keys in <c>llamacpp/settings.json</c> (they apply to every model).</summary>
    public bool EngineSettings { get; init; }

    /// <summary>A lowercase id from the model file name: letters, digits, dots, dashes.</summary>
    public string ModelId
    {
        get
        {
            var name = Path.GetFileNameWithoutExtension(Config.ModelPath).ToLowerInvariant();
            return new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' ? ch : '-').ToArray());
        }
    }

    /// <summary>-ngl as llama.cpp reads it: 0 on the CPU backend, 999 ("all") for -1.</summary>
    public int GpuLayers => WeightPlacement.IsCpuBackend(Config.Backend) ? 0 : Config.GpuLayers < 0 ? 999 : Config.GpuLayers;

    /// <summary>
    /// The model's trained context (GGUF <c>context_length</c>), for runtimes that cannot say "the model's default"
    /// when <see cref="TrialConfig.ContextSize"/> is 0; null = not known.
    /// </summary>
    public int? TrainedContext { get; init; }

    /// <summary>
    /// The ggml names of the backend's GPUs on the machine that was tuned (CUDA0, CUDA1, …), from its hardware
    /// profile; empty = not known.
    /// </summary>
    public IReadOnlyList<string> GpuDevices { get; init; } = [];

    /// <summary>
    /// The GPUs the tuned configuration ran on, as llama-server's <c>--device</c> (and Jan's "Devices for Offload")
    /// spells them: JanTune passes no device list, so llama.cpp used every GPU of the backend, and a tensor split of
    /// N entries covers the first N. Null when that cannot be determined (a layer or row split and no known GPU list),
    /// empty on the CPU.
    /// </summary>
    public IReadOnlyList<string>? Devices
    {
        get
        {
            if (!UsesGpu)
            {
                return [];
            }

            var prefix = Config.Backend.ToLowerInvariant() switch { "cuda" => "CUDA", "vulkan" => "Vulkan", _ => Config.Backend.ToUpperInvariant() };
            string Name(int i) => i < GpuDevices.Count ? GpuDevices[i] : prefix + Number(i);
            var split = Config.TensorSplit.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return Config.SplitMode switch
            {
                SplitMode.None => [Name(0)],
                _ when split.Length > 0 => [.. Enumerable.Range(0, split.Length).Select(Name)],
                _ when GpuDevices.Count > 0 => GpuDevices,
                _ => null,
            };
        }
    }

    /// <summary>One line on which build of the runtime the measured backend needs.</summary>
    internal string BackendNote(string runtime, string gpuBuild) =>
        WeightPlacement.IsCpuBackend(Config.Backend)
            ? $"measured on the cpu backend: any {runtime} build runs it (no layers are offloaded)"
            : $"measured on the {Config.Backend} backend: {gpuBuild}";

    /// <summary>
    /// Null at llama.cpp's default CPU threadpool; else the line saying <paramref name="runtime"/> cannot set the tuned
    /// poll, mask, strict placement or priority (only llama-server has flags for them).
    /// </summary>
    internal string? ThreadpoolNote(string runtime) => Config.HasCustomThreadpool
        ? $"CPU threadpool ({Config.ThreadpoolText}) is not applied: {runtime} has no setting for it, so its threads run with llama.cpp's defaults (poll 50, no mask, not strict, normal priority); use --format llama-server for a runtime that takes them"
        : null;

    /// <summary>The model is read into memory instead of memory-mapped (the configuration's <see cref="TrialConfig.UseMmap"/> off).</summary>
    public bool NoMmap => !Config.UseMmap;

    /// <summary>Whether the configuration offloads anything (GPU settings such as the split only matter then).</summary>
    public bool UsesGpu => GpuLayers > 0;

    internal static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
