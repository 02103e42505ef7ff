using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Export;

/// <summary>
/// LLamaSharp 0.30.0: the tuned configuration as <c>LLama.Common.ModelParams</c> JSON (what
/// <c>JsonSerializer.Deserialize&lt;ModelParams&gt;</c> reads with default options: property names as declared, enums
/// as numbers, <c>TensorSplits</c> as an array through its own converter) and the same values as a C# snippet.
/// The mapping itself is <see cref="LlamaSharpParams"/>, shared with the llamasharp sweep engine: a tuned value
/// LLamaSharp cannot express is left out and reported.
/// </summary>
public sealed class LlamaSharpExporter : IConfigExporter
{
    public const string JsonFileName = "llamasharp-modelparams.json";

    public const string SnippetFileName = "LlamaSharpModelParams.cs";

    public string Format => "llamasharp";

    /// <summary>The ModelParams JSON object and the notes on what it cannot carry (<see cref="LlamaSharpParams"/>, the one mapping).</summary>
    public static (JsonObject Json, IReadOnlyList<string> Notes) ModelParams(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LlamaSharpParams.Map(request.Config, request.Parallel, request.Mlock);
    }

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (json, mapped) = ModelParams(request);
        var notes = new List<string>(mapped) { request.BackendNote("LLamaSharp", BackendPackage(request.Config.Backend)) };
        var jsonPath = Path.Combine(outDir, JsonFileName);
        var snippetPath = Path.Combine(outDir, SnippetFileName);
        var backups = new[]
        {
            writer.WriteText(jsonPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n"),
            writer.WriteText(snippetPath, Snippet(request, json)),
        };
        return new ExportResult { Files = [jsonPath, snippetPath], Backups = backups.OfType<string>().ToList(), Notes = notes };
    }

    /// <summary>The same values as C#, for pasting into an application that uses LLamaSharp.</summary>
    private static string Snippet(ExportRequest request, JsonObject json)
    {
        var c = request.Config;
        var sb = new StringBuilder()
            .Append("// LLamaSharp 0.30.0 ModelParams with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("// (or: JsonSerializer.Deserialize<ModelParams>(File.ReadAllText(\"").Append(JsonFileName).Append("\")))\n")
            .Append("using LLama;\n").Append(json.ContainsKey("TensorBufferOverrides") ? "using LLama.Abstractions;\n" : string.Empty)
            .Append("using LLama.Common;\nusing LLama.Native;\n\n")
            .Append("var parameters = new ModelParams(").Append(Literal(c.ModelPath)).Append(")\n{\n");
        void Line(string name, string value) => sb.Append("    ").Append(name).Append(" = ").Append(value).Append(",\n");
        foreach (var (name, node) in json.Where(p => p.Key is not ("ModelPath" or "TensorSplits" or "TensorBufferOverrides")))
        {
            var value = name switch
            {
                _ when node is null => "null",
                "TypeK" or "TypeV" => "GGMLType." + LlamaSharpParams.TypeName((GgmlType)node.GetValue<int>()),
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

        if (json["TensorBufferOverrides"] is JsonArray overrides)
        {
            foreach (var o in overrides)
            {
                sb.Append("parameters.TensorBufferOverrides.Add(new TensorBufferOverride(").Append(Literal(o!["Pattern"]!.GetValue<string>()))
                    .Append(", \"").Append(o["BufferType"]!.GetValue<string>()).Append("\"));\n");
            }
        }

        return sb.Append("using var weights = LLamaWeights.LoadFromFile(parameters);\nusing var context = weights.CreateContext(parameters);\n").ToString();
    }

    /// <summary>The LLamaSharp backend package that carries the measured backend's native library.</summary>
    private static string BackendPackage(string backend) => backend.ToLowerInvariant() switch
    {
        "cuda" => "reference LLamaSharp.Backend.Cuda12 (not LLamaSharp.Backend.Cpu), or LLamaSharp loads a CPU-only libllama and offloads nothing",
        "vulkan" => "reference LLamaSharp.Backend.Vulkan (not LLamaSharp.Backend.Cpu), or LLamaSharp loads a CPU-only libllama and offloads nothing",
        _ => $"reference the LLamaSharp backend package for {backend}",
    };

    private static string Literal(string s) => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
