using System.Globalization;
using System.Text.Json.Serialization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// One point of the configuration space: everything that changes speed or memory. A value, like BenchmarkDotNet's Job
/// and llama-bench's cmd_params_instance: the sweep measures it, the store keeps it, the model predicts it, recommend
/// chooses it, recommended.json persists it, exporters write it and serve applies it, and
/// <see cref="ToModelLoadOptions"/> / <see cref="ToContextOptions"/> are the one mapping to llama.cpp.
/// Ordering the fields by reload cost: backend, model and NGL need a new model; context, batch, cache and flash
/// attention a new context; threads change in place.
/// </summary>
/// <remarks>
/// A new axis (MoE expert placement n_cpu_moe and cpu_moe are the first: see <see cref="CpuMoeLayers"/>; the <see cref="Engine"/>; RPC endpoints) is one more init property whose default is
/// today's behaviour, mapped in the two methods below and named in <see cref="Describe"/>; it joins the keys only when
/// it differs from that default (<see cref="ModelKey"/>, <see cref="ContextKey"/>), so trials stored before it existed
/// keep their identity and a resumed sweep still recognises them.
/// </remarks>
public sealed record TrialConfig
{
    /// <summary>
    /// Which llama.cpp build and binding measures it (see <see cref="SweepEngines"/>). Left out of the stored JSON when
    /// it is the default npm engine, so trials stored before engines existed read back, and write, unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SweepEngine Engine { get; init; } = SweepEngine.Npm;

    /// <summary>cpu, vulkan or cuda.</summary>
    public required string Backend { get; init; }

    /// <summary>Path of the GGUF file (absolute, or relative to the workspace).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Quantization label, e.g. q4_0, q8_0, f16 (from the file, for grouping).</summary>
    public required string Quant { get; init; }

    /// <summary>Layers offloaded to the GPU: 0 = CPU only, -1 or layers + 1 = every repeating layer and the output layer.</summary>
    public int GpuLayers { get; init; }

    public int Threads { get; init; } = 1;

    /// <summary>Prompt-processing threads; 0 = the same as <see cref="Threads"/> (what the sweep measures).</summary>
    public int ThreadsBatch { get; init; }

    public int BatchSize { get; init; } = 2048;

    public int UBatchSize { get; init; } = 512;

    /// <summary>Context of one sequence (a server slot), tokens; 0 = the model's trained context.</summary>
    public int ContextSize { get; init; } = 4096;

    public FlashAttention FlashAttention { get; init; } = FlashAttention.Auto;

    /// <summary>KV cache type of K, and of V unless <see cref="CacheTypeV"/> says otherwise.</summary>
    public GgmlType CacheType { get; init; } = GgmlType.F16;

    /// <summary>KV cache type of V when it differs from <see cref="CacheType"/>; null = the same.</summary>
    public GgmlType? CacheTypeV { get; init; }

    /// <summary>CPU weight repacking (use_extra_bufts).</summary>
    public bool WeightRepack { get; init; } = true;

    /// <summary>Memory-map the model file (false: read it into memory).</summary>
    public bool UseMmap { get; init; } = true;

    public SplitMode SplitMode { get; init; } = SplitMode.Layer;

    /// <summary>Comma-separated tensor split proportions; empty = by free memory.</summary>
    public string TensorSplit { get; init; } = string.Empty;

    /// <summary>
    /// n_cpu_moe: routed-expert weights of layers 0 to N-1 stay in host memory (llama.cpp --n-cpu-moe N); the rest of
    /// those layers follows <see cref="GpuLayers"/>. 0 = no override. Only a MoE model on a GPU backend is changed by it.
    /// </summary>
    public int CpuMoeLayers { get; init; }

    /// <summary>cpu_moe: every layer's routed-expert weights stay in host memory (llama.cpp --cpu-moe).</summary>
    public bool CpuMoe { get; init; }

    /// <summary>
    /// override_tensor: tensors kept in host memory by pattern, in llama.cpp's -ot syntax (<c>pattern=CPU,...</c>, see
    /// <see cref="Inference.TensorOverrides"/>), e.g. the placement llama-fit-params printed for --fit; applied after
    /// <see cref="CpuMoe"/> / <see cref="CpuMoeLayers"/>, as llama.cpp applies -ot after them. Null = none, and then
    /// left out of the stored JSON and the keys.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OverrideTensor { get; init; }

    /// <summary>
    /// The CPU threadpool's poll, CPU mask, strict placement and priority (llama-bench's --poll, --cpu-mask,
    /// --cpu-strict, --prio); null = llama.cpp's defaults, which is how it is stored and keyed, so trials from before
    /// the axis keep their identity.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Native.CpuThreadpoolSettings? Threadpool { get; init; }

    /// <summary>The threadpool settings in effect.</summary>
    [JsonIgnore]
    public Native.CpuThreadpoolSettings EffectiveThreadpool => Threadpool ?? Native.CpuThreadpoolSettings.Default;

    /// <summary>The threadpool settings differ from llama.cpp's defaults.</summary>
    [JsonIgnore]
    public bool HasCustomThreadpool => EffectiveThreadpool != Native.CpuThreadpoolSettings.Default;

    /// <summary>Any expert placement override is set.</summary>
    [JsonIgnore]
    public bool HasExpertPlacement => CpuMoe || CpuMoeLayers > 0 || OverrideTensor is not null;

    /// <summary>The placement as people write it: "gpu" (no override), "cpu" (--cpu-moe), "first 12 layers on cpu".</summary>
    [JsonIgnore]
    public string ExpertPlacementText => OverrideTensor is null ? MoeFlagsText
        : (CpuMoe || CpuMoeLayers > 0 ? MoeFlagsText + ", " : string.Empty)
          + string.Create(CultureInfo.InvariantCulture, $"-ot {Inference.TensorOverrides.CpuPatterns(OverrideTensor).Count} pattern(s) on cpu");

    private string MoeFlagsText => CpuMoe ? "all on cpu (cpu_moe)" : CpuMoeLayers > 0 ? string.Create(CultureInfo.InvariantCulture, $"layers 0-{CpuMoeLayers - 1} on cpu") : "with their layers";

    /// <summary>The V cache type in effect.</summary>
    [JsonIgnore]
    public GgmlType EffectiveCacheTypeV => CacheTypeV ?? CacheType;

    /// <summary>The prompt thread count in effect.</summary>
    [JsonIgnore]
    public int EffectiveThreadsBatch => ThreadsBatch > 0 ? ThreadsBatch : Threads;

    /// <summary>llama.cpp's default multi-GPU split: layers, proportioned by free memory.</summary>
    [JsonIgnore]
    public bool HasDefaultSplit => SplitMode == SplitMode.Layer && TensorSplit.Length == 0;

    /// <summary>The split as people write it: "none", "layer", "tensor 3,1".</summary>
    [JsonIgnore]
    public string SplitText => SplitMode.ToString().ToLowerInvariant() + (TensorSplit.Length > 0 ? " " + TensorSplit : string.Empty);

    /// <summary>What requires a model reload: configs with equal keys share a loaded model.</summary>
    public string ModelKey => string.Join('|', Backend, ModelPath, GpuLayers.ToString(CultureInfo.InvariantCulture), WeightRepack ? "repack" : "norepack", SplitMode, TensorSplit)
        + (UseMmap ? string.Empty : "|nommap")
        + (CpuMoe ? "|cmoe" : string.Empty)
        + (CpuMoeLayers > 0 ? "|ncmoe" + CpuMoeLayers.ToString(CultureInfo.InvariantCulture) : string.Empty)
        + (OverrideTensor is null ? string.Empty : "|ot=" + OverrideTensor)
        + (Engine == SweepEngine.Npm ? string.Empty : "|engine=" + Engine.Name());

    /// <summary>What requires a new context on the same model.</summary>
    public string ContextKey => string.Join('|', ModelKey, ContextSize.ToString(CultureInfo.InvariantCulture), BatchSize.ToString(CultureInfo.InvariantCulture), UBatchSize.ToString(CultureInfo.InvariantCulture), FlashAttention, CacheType)
        + (EffectiveCacheTypeV == CacheType ? string.Empty : "|v" + EffectiveCacheTypeV)
        + (HasCustomThreadpool ? "|tp" + ThreadpoolText : string.Empty);

    /// <summary>The threadpool as llama-bench's options spell it: "poll 50, mask 0x0, strict 0, prio 0".</summary>
    [JsonIgnore]
    public string ThreadpoolText => string.Create(CultureInfo.InvariantCulture,
        $"poll {EffectiveThreadpool.Poll}, mask {EffectiveThreadpool.CpuMask}, strict {(EffectiveThreadpool.StrictCpu ? 1 : 0)}, prio {(int)EffectiveThreadpool.Priority}");

    /// <summary>Canonical identity of the configuration (stable across runs and processes).</summary>
    public string Key => string.Join('|', ContextKey, "t" + Threads.ToString(CultureInfo.InvariantCulture))
        + (EffectiveThreadsBatch == Threads ? string.Empty : "|tb" + ThreadsBatch.ToString(CultureInfo.InvariantCulture));

    /// <summary>The model half of the mapping to llama.cpp (llama-bench's to_llama_mparams).</summary>
    public ModelLoadOptions ToModelLoadOptions() => new()
    {
        GpuLayers = GpuLayers,
        WeightRepack = WeightRepack,
        UseMmap = UseMmap,
        SplitMode = SplitMode,
        CpuMoeLayers = CpuMoeLayers,
        CpuMoe = CpuMoe,
        OverrideTensor = OverrideTensor,
        TensorSplit = string.IsNullOrEmpty(TensorSplit) ? [] : TensorSplit.Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    };

    /// <summary>
    /// The context half of the mapping (llama-bench's to_llama_cparams). <paramref name="slots"/> sequences share the
    /// context, each with <see cref="ContextSize"/> tokens; <paramref name="kvUnified"/> gives them one KV buffer.
    /// </summary>
    public ContextOptions ToContextOptions(int slots = 1, bool kvUnified = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        return new()
        {
            ContextSize = ContextSize * slots,
            BatchSize = BatchSize,
            UBatchSize = UBatchSize,
            Threads = Threads,
            ThreadsBatch = EffectiveThreadsBatch,
            FlashAttention = FlashAttention,
            TypeK = CacheType,
            TypeV = EffectiveCacheTypeV,
            MaxSequences = slots,
            KvUnified = kvUnified,
            Threadpool = EffectiveThreadpool,
        };
    }

    /// <summary>Every field as llama.cpp names it, with its value as llama.cpp spells it: the startup log lists these.</summary>
    public IEnumerable<(string Name, string Value)> Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        if (Engine != SweepEngine.Npm)
        {
            yield return ("engine", Engine.Name());
        }

        yield return ("backend", Backend);
        yield return ("model", ModelPath);
        yield return ("n_gpu_layers", GpuLayers < 0 ? "all (-1)" : GpuLayers.ToString(inv));
        yield return ("split_mode", SplitMode.Name());
        yield return ("tensor_split", TensorSplit.Length == 0 ? "by free memory" : TensorSplit);
        yield return ("weight_repack", WeightRepack ? "on" : "off");
        yield return ("mmap", UseMmap ? "on" : "off");
        yield return ("n_cpu_moe", CpuMoeLayers.ToString(inv));
        yield return ("cpu_moe", CpuMoe ? "on" : "off");
        yield return ("override_tensor", OverrideTensor ?? "none");
        yield return ("ctx", ContextSize == 0 ? "model default (0)" : ContextSize.ToString(inv));
        yield return ("batch", BatchSize.ToString(inv));
        yield return ("ubatch", UBatchSize.ToString(inv));
        yield return ("flash_attn", FlashAttention.Name());
        yield return ("cache_type_k", CacheType.Name());
        yield return ("cache_type_v", EffectiveCacheTypeV.Name());
        yield return ("threads", Threads.ToString(inv));
        yield return ("threads_batch", EffectiveThreadsBatch.ToString(inv));
        yield return ("cpu threadpool", ThreadpoolText);
    }
}
