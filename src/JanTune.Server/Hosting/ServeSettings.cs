using System.Globalization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Server.Threads;

namespace JanTune.Server.Hosting;

/// <summary>
/// Everything `jantune serve` applies: where to listen, who may call, and every llama.cpp knob. A value, logged in
/// full at startup so a person can see exactly which configuration runs.
/// </summary>
public sealed record ServeSettings
{
    /// <summary>GGUF file to serve.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The id /v1/models reports and responses echo; defaults to the file name without extension.</summary>
    public string? ModelId { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 1337;

    /// <summary>Bearer token clients must send; null = no authentication.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Origins allowed by CORS; none by default, so browsers on other sites cannot read responses.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Extra Host header values accepted besides the loopback names (DNS-rebinding defence).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Slots: requests decoded together in one batch.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Requests that may wait for a slot before the server answers 503.</summary>
    public int QueueLimit { get; init; } = 16;

    /// <summary>Context length of each slot; the shared context holds <see cref="Parallel"/> times this.</summary>
    public int SlotContextSize { get; init; } = 4096;

    public int GpuLayers { get; init; }

    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Prompt threads; 0 = same as <see cref="Threads"/>.</summary>
    public int ThreadsBatch { get; init; }

    public ThreadsMode ThreadsMode { get; init; } = ThreadsMode.Fixed;

    /// <summary>Measured generation tokens/s per thread count (from the profile), if any.</summary>
    public IReadOnlyDictionary<int, double>? ThreadScaling { get; init; }

    public int BatchSize { get; init; } = 2048;

    public int UBatchSize { get; init; } = 512;

    public FlashAttention FlashAttention { get; init; } = FlashAttention.Auto;

    public GgmlType CacheTypeK { get; init; } = GgmlType.F16;

    public GgmlType CacheTypeV { get; init; } = GgmlType.F16;

    public bool WeightRepack { get; init; } = true;

    public SplitMode SplitMode { get; init; } = SplitMode.Layer;

    /// <summary>Proportions of the model per GPU; empty = by free memory.</summary>
    public IReadOnlyList<float> TensorSplit { get; init; } = [];

    /// <summary>Memory-map the model file (false: read it into memory).</summary>
    public bool UseMmap { get; init; } = true;

    /// <summary>
    /// One KV buffer for all slots (true) or one stream per slot (false). Per-slot streams make every request's
    /// output independent of what else is batched with it (bit-identical to running alone); a unified buffer
    /// interleaves slots' cells, which changes attention's rounding with the batch composition.
    /// </summary>
    public bool KvUnified { get; init; }

    /// <summary>Largest request body accepted (413 beyond).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>Where the configuration came from (flags, a model.yml, a profile), for the startup log.</summary>
    public string Source { get; init; } = "command line";

    /// <summary>Knob name (as <see cref="Describe"/> prints it) → where its value came from; a knob not listed is a default.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys the config file set that serve does not use (sampling defaults a client sends per request).</summary>
    public IReadOnlyList<string> NotApplied { get; init; } = [];

    public string EffectiveModelId => ModelId ?? Path.GetFileNameWithoutExtension(ModelPath);

    public ModelLoadOptions ToModelLoadOptions() => new()
    {
        GpuLayers = GpuLayers,
        WeightRepack = WeightRepack,
        SplitMode = SplitMode,
        TensorSplit = TensorSplit,
        UseMmap = UseMmap,
    };

    public ContextOptions ToContextOptions() => new()
    {
        ContextSize = SlotContextSize * Parallel,
        BatchSize = BatchSize,
        UBatchSize = UBatchSize,
        Threads = Threads,
        ThreadsBatch = ThreadsBatch,
        FlashAttention = FlashAttention,
        TypeK = CacheTypeK,
        TypeV = CacheTypeV,
        MaxSequences = Parallel,
        KvUnified = KvUnified,
    };

    /// <summary>One line per knob with where its value came from, for the startup log.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"source: {Source}";
        yield return $"model: {ModelPath} (id {EffectiveModelId}){From("model")}";
        yield return $"listen: {Host}:{Port}, api key {(ApiKey is null ? "off" : "on")}, allowed origins [{string.Join(", ", AllowedOrigins)}], extra hosts [{string.Join(", ", AllowedHosts)}]";
        yield return $"parallel slots {Parallel}{From("parallel")}; queue limit {QueueLimit}; kv_unified {(KvUnified ? "on" : "off")}{From("kv_unified")}";
        yield return $"ctx per slot {(SlotContextSize == 0 ? "model default (0)" : SlotContextSize.ToString(CultureInfo.InvariantCulture))}{From("ctx")} (total {SlotContextSize * Parallel})";
        yield return $"n_gpu_layers {(GpuLayers < 0 ? "all (-1)" : GpuLayers.ToString(CultureInfo.InvariantCulture))}{From("n_gpu_layers")}";
        yield return $"threads {Threads}{From("threads")}; threads_batch {(ThreadsBatch > 0 ? ThreadsBatch : Threads)}{From("threads_batch")}; threads mode {ThreadsMode.ToString().ToLowerInvariant()}";
        yield return $"batch {BatchSize}{From("batch")}; ubatch {UBatchSize}{From("ubatch")}";
        yield return $"flash_attn {FlashAttention.Name()}{From("flash_attn")}";
        yield return $"cache_type_k {CacheTypeK.Name()}{From("cache_type_k")}; cache_type_v {CacheTypeV.Name()}{From("cache_type_v")}";
        yield return $"weight repack {(WeightRepack ? "on" : "off")}{From("weight_repack")}; mmap {(UseMmap ? "on" : "off")}{From("mmap")}";
        yield return $"split mode {SplitMode.Name()}{From("split_mode")}; tensor split {(TensorSplit.Count == 0 ? "by free memory" : string.Join(',', TensorSplit.Select(f => f.ToString(CultureInfo.InvariantCulture))))}{From("tensor_split")}";
        if (NotApplied.Count > 0)
        {
            yield return $"not applied (sampling and other per-request settings a client sends itself): {string.Join(", ", NotApplied)}";
        }

        yield return $"max request body {MaxRequestBodyBytes} bytes";
    }

    private string From(string knob) => Origins.TryGetValue(knob, out var origin) ? $" ({origin})" : " (default)";
}
