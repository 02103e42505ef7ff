using System.Globalization;
using System.Text.Json.Nodes;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// The one mapping from a <see cref="TrialConfig"/> to LLamaSharp 0.30.0's <c>LLama.Common.ModelParams</c>, as the
/// JSON <c>JsonSerializer.Deserialize&lt;ModelParams&gt;</c> reads with default options (property names as declared,
/// enums as numbers, <c>TensorSplits</c> as an array through its own converter). <c>export --format llamasharp</c>
/// writes it and the llamasharp sweep engine measures through it, so both apply the same values. Only the tuned fields
/// are written; everything else keeps LLamaSharp's default. A value LLamaSharp cannot express is left out and named
/// in the notes (the exporter reports them, the sweep refuses such a trial).
/// </summary>
public static class LlamaSharpParams
{
    /// <summary>The ggml type ids LLamaSharp 0.30.0's <c>LLama.Native.GGMLType</c> declares, with its member names.</summary>
    private static readonly Dictionary<GgmlType, string> LlamaSharpTypes = new()
    {
        [GgmlType.F32] = "GGML_TYPE_F32",
        [GgmlType.F16] = "GGML_TYPE_F16",
        [GgmlType.Q4_0] = "GGML_TYPE_Q4_0",
        [GgmlType.Q4_1] = "GGML_TYPE_Q4_1",
        [GgmlType.Q5_0] = "GGML_TYPE_Q5_0",
        [GgmlType.Q5_1] = "GGML_TYPE_Q5_1",
        [GgmlType.Q8_0] = "GGML_TYPE_Q8_0",
    };

    /// <summary>ggml's CPU buffer type name (ggml_backend_buft_name of the CPU device's buffer type).</summary>
    public const string CpuBufferType = "CPU";

    /// <summary>LLamaSharp's <c>GGMLType</c> member name of a KV cache type it declares.</summary>
    public static string TypeName(GgmlType type) => LlamaSharpTypes[type];

    /// <summary>-ngl as llama.cpp reads it: 0 on the CPU backend, 999 ("all") for -1.</summary>
    public static int GpuLayers(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.Equals(config.Backend, "cpu", StringComparison.OrdinalIgnoreCase) ? 0 : config.GpuLayers < 0 ? 999 : config.GpuLayers;
    }

    /// <summary>
    /// The ModelParams JSON object for <paramref name="config"/> with <paramref name="parallel"/> sequences (server
    /// slots), and the notes on what it cannot carry.
    /// </summary>
    public static (JsonObject Json, IReadOnlyList<string> Notes) Map(TrialConfig config, int parallel = 1, bool mlock = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config;
        var notes = new List<string>();
        parallel = Math.Max(1, parallel);
        var gpuLayers = GpuLayers(c);
        var json = new JsonObject
        {
            ["ModelPath"] = c.ModelPath,
            ["GpuLayerCount"] = gpuLayers,
            ["Threads"] = c.Threads,
            ["BatchThreads"] = c.EffectiveThreadsBatch,
            ["BatchSize"] = c.BatchSize,
            ["UBatchSize"] = c.UBatchSize,
            ["SeqMax"] = parallel,
            // LLamaSharp's FlashAttention is a bool?: null leaves llama.cpp's auto.
            ["FlashAttention"] = c.FlashAttention switch { FlashAttention.On => true, FlashAttention.Off => false, _ => null },
            // LLamaLoadMode: None 0, MemoryMap 1, MemoryLock 2, MemoryMapAndLock 3 (llama_load_mode).
            ["LoadMode"] = (c.UseMmap ? 1 : 0) + (mlock ? 2 : 0),
        };

        // ContextSize is n_ctx, shared by the SeqMax sequences unless the KV cache is unified: one slot's context each.
        json["ContextSize"] = c.ContextSize == 0 ? null : c.ContextSize * parallel;
        if (parallel > 1)
        {
            json["KVUnified"] = false;
        }

        AddCacheType(json, "TypeK", c.CacheType, notes);
        AddCacheType(json, "TypeV", c.EffectiveCacheTypeV, notes);
        if (gpuLayers > 0)
        {
            json["SplitMode"] = (int)c.SplitMode;
            json["MainGpu"] = 0;
            if (c.TensorSplit.Length > 0)
            {
                json["TensorSplits"] = new JsonArray([.. Proportions(c.TensorSplit).Select(v => JsonValue.Create(v))]);
            }
        }

        if (!c.WeightRepack)
        {
            notes.Add("weight repack off is not applied: LLamaSharp 0.30.0's ModelParams has no use_extra_bufts and always repacks");
        }

        if (c.HasCustomThreadpool)
        {
            notes.Add($"CPU threadpool ({c.ThreadpoolText}) is not applied: LLamaSharp 0.30.0's ModelParams has no poll, CPU mask, strict placement or priority");
        }

        // LLamaSharp 0.30.0 has no n_cpu_moe / cpu_moe, but ModelParams.TensorBufferOverrides is llama.cpp's
        // tensor_buft_overrides, which is all --cpu-moe / --n-cpu-moe add: the same patterns, each to the CPU buffer
        // type ("CPU", the name LLamaSharp looks buffer types up by).
        if (c.HasExpertPlacement)
        {
            json["TensorBufferOverrides"] = new JsonArray([.. ExpertPlacement.CpuOverridePatterns(c.CpuMoe, c.CpuMoeLayers, c.OverrideTensor)
                .Select(p => new JsonObject { ["Pattern"] = p, ["BufferType"] = CpuBufferType })]);
        }

        return (json, notes);
    }

    private static void AddCacheType(JsonObject json, string name, GgmlType type, List<string> notes)
    {
        if (LlamaSharpTypes.ContainsKey(type))
        {
            json[name] = (int)type;
        }
        else
        {
            notes.Add($"{name} {type.Name()} is not applied: LLamaSharp 0.30.0's GGMLType has no such value (left at its default, F16)");
        }
    }

    private static float[] Proportions(string split) =>
        split.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
}
