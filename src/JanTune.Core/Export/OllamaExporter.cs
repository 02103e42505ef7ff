using System.Text;

namespace JanTune.Core.Export;

/// <summary>
/// Ollama: a Modelfile. Ollama gives num_batch to llama.cpp as both n_batch and n_ubatch, so the physical batch
/// (what was tuned) is what goes there. Flash attention and the KV cache type are server-wide environment
/// variables in Ollama, so they are written as comments a person can act on.
/// </summary>
public sealed class OllamaExporter : IConfigExporter
{
    public const string FileName = "Modelfile";

    public string Format => "ollama";

    /// <summary>PARAMETER name/value pairs, in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = request.Config;
        var list = new List<KeyValuePair<string, string>>
        {
            new("num_ctx", ExportRequest.Number(c.ContextSize)),
            new("num_gpu", ExportRequest.Number(request.GpuLayers)),
            new("num_thread", ExportRequest.Number(c.Threads)),
            new("num_batch", ExportRequest.Number(Math.Min(c.BatchSize, c.UBatchSize))),
            new("temperature", ExportRequest.Number(request.Temperature)),
            new("top_k", ExportRequest.Number(request.TopK)),
            new("top_p", ExportRequest.Number(request.TopP)),
            new("min_p", ExportRequest.Number(request.MinP)),
            new("num_predict", ExportRequest.Number(request.MaxTokens)),
        };
        list.AddRange(request.Stop.Select(s => new KeyValuePair<string, string>("stop", "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")));
        return list;
    }

    public IReadOnlyList<string> Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = new StringBuilder()
            .Append("# Ollama Modelfile with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("# Server-wide settings to match: OLLAMA_FLASH_ATTENTION=").Append(request.FlashAttentionText == "off" ? "0" : "1")
            .Append(" OLLAMA_KV_CACHE_TYPE=").Append(request.CacheTypeText).Append('\n')
            .Append("FROM ").Append(request.Config.ModelPath).Append('\n');
        foreach (var (name, value) in Parameters(request))
        {
            text.Append("PARAMETER ").Append(name).Append(' ').Append(value).Append('\n');
        }

        var path = Path.Combine(outDir, FileName);
        writer.WriteText(path, text.ToString());
        return [path];
    }
}
