using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Core.Export;

/// <summary>
/// LLamaSharp 0.30.0: the tuned configuration as <c>LLama.Common.ModelParams</c> JSON (what
/// <c>JsonSerializer.Deserialize&lt;ModelParams&gt;</c> reads with default options: property names as declared, enums
/// as numbers, <c>TensorSplits</c> as an array through its own converter) and the same values as a C# snippet.
/// Only the tuned fields are written; everything else keeps LLamaSharp's default. LLamaSharp has no
/// <c>use_extra_bufts</c> (it always repacks), and its <c>GGMLType</c> names fewer KV types than llama.cpp: a tuned
/// value it cannot express is left out and reported.
/// </summary>
public sealed class LlamaSharpExporter : IConfigExporter
{
    public const string JsonFileName = "llamasharp-modelparams.json";

    public const string SnippetFileName = "LlamaSharpModelParams.cs";

    /// <summary>The ggml type ids LLamaSharp 0.30.0's <c>LLama.Native.GGMLType</c> declares.</summary>
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

    public string Format => "llamasharp";

    /// <summary>The ModelParams JSON object and the notes on what it cannot carry.</summary>
    public static (JsonObject Json, IReadOnlyList<string> Notes) ModelParams(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = request.Config;
        var notes = new List<string>();
        var parallel = Math.Max(1, request.Parallel);
        var json = new JsonObject
        {
            ["ModelPath"] = c.ModelPath,
            ["GpuLayerCount"] = request.GpuLayers,
            ["Threads"] = c.Threads,
            ["BatchThreads"] = c.EffectiveThreadsBatch,
            ["BatchSize"] = c.BatchSize,
            ["UBatchSize"] = c.UBatchSize,
            ["SeqMax"] = parallel,
            // LLamaSharp's FlashAttention is a bool?: null leaves llama.cpp's auto.
            ["FlashAttention"] = c.FlashAttention switch { FlashAttention.On => true, FlashAttention.Off => false, _ => null },
            // LLamaLoadMode: None 0, MemoryMap 1, MemoryLock 2, MemoryMapAndLock 3 (llama_load_mode).
            ["LoadMode"] = (c.UseMmap ? 1 : 0) + (request.Mlock ? 2 : 0),
        };

        // ContextSize is n_ctx, shared by the SeqMax sequences unless the KV cache is unified: one slot's context each.
        json["ContextSize"] = c.ContextSize == 0 ? null : c.ContextSize * parallel;
        if (parallel > 1)
        {
            json["KVUnified"] = false;
        }

        AddCacheType(json, "TypeK", c.CacheType, notes);
        AddCacheType(json, "TypeV", c.EffectiveCacheTypeV, notes);
        if (request.UsesGpu)
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

        return (json, notes);
    }

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (json, notes) = ModelParams(request);
        var jsonPath = Path.Combine(outDir, JsonFileName);
        var snippetPath = Path.Combine(outDir, SnippetFileName);
        var backups = new[]
        {
            writer.WriteText(jsonPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n"),
            writer.WriteText(snippetPath, Snippet(request, json)),
        };
        return new ExportResult { Files = [jsonPath, snippetPath], Backups = backups.OfType<string>().ToList(), Notes = notes };
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

    /// <summary>The same values as C#, for pasting into an application that uses LLamaSharp.</summary>
    private static string Snippet(ExportRequest request, JsonObject json)
    {
        var c = request.Config;
        var sb = new StringBuilder()
            .Append("// LLamaSharp 0.30.0 ModelParams with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("// (or: JsonSerializer.Deserialize<ModelParams>(File.ReadAllText(\"").Append(JsonFileName).Append("\")))\n")
            .Append("using LLama;\nusing LLama.Common;\nusing LLama.Native;\n\n")
            .Append("var parameters = new ModelParams(").Append(Literal(c.ModelPath)).Append(")\n{\n");
        void Line(string name, string value) => sb.Append("    ").Append(name).Append(" = ").Append(value).Append(",\n");
        foreach (var (name, node) in json.Where(p => p.Key is not ("ModelPath" or "TensorSplits")))
        {
            var value = name switch
            {
                _ when node is null => "null",
                "TypeK" or "TypeV" => "GGMLType." + LlamaSharpTypes[(GgmlType)node.GetValue<int>()],
                "SplitMode" => "GPUSplitMode." + (SplitMode)node.GetValue<int>(),
                "LoadMode" => "LLamaLoadMode." + node.GetValue<int>() switch { 1 => "MemoryMap", 2 => "MemoryLock", 3 => "MemoryMapAndLock", _ => "None" },
                _ when node.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => node.GetValue<bool>() ? "true" : "false",
                "ContextSize" or "BatchSize" or "UBatchSize" or "SeqMax" => node.GetValue<int>().ToString(CultureInfo.InvariantCulture) + "u",
                _ => node.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            };
            Line(name, value);
        }

        sb.Append("};\n");
        if (json["TensorSplits"] is JsonArray splits)
        {
            for (var i = 0; i < splits.Count; i++)
            {
                sb.Append("parameters.TensorSplits[").Append(i).Append("] = ").Append(splits[i]!.GetValue<float>().ToString("0.###", CultureInfo.InvariantCulture)).Append("f;\n");
            }
        }

        return sb.Append("using var weights = LLamaWeights.LoadFromFile(parameters);\nusing var context = weights.CreateContext(parameters);\n").ToString();
    }

    private static string Literal(string s) => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
