namespace JanTune.Core.Export;

/// <summary>
/// cortex.cpp (legacy, archived): one model.yml holding both the load settings and the sampling defaults. Since
/// cortex.cpp #2209 its engine ignores the load keys (ngl, ctx_len, cpu_threads) and caps context at 8192; the file
/// is kept for old Jan installs and for <c>jantune serve --config</c>, which reads every key back.
/// </summary>
public sealed class CortexExporter : IConfigExporter
{
    public string Format => "cortex";

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var yml = new CortexModelYml
        {
            Id = request.ModelId,
            Model = request.ModelId,
            Name = request.ModelName,
            Files = [request.Config.ModelPath],
            PromptTemplate = request.PromptTemplate,
            Stop = [.. request.Stop],
            CtxLen = request.Config.ContextSize,
            Ngl = request.GpuLayers,
            CpuThreads = request.Config.Threads,
            NParallel = request.Parallel,
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = request.TopK,
            MinP = request.MinP,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            MaxTokens = request.MaxTokens,
            Stream = true,
        };
        var path = Path.Combine(outDir, "model.yml");
        var backup = writer.WriteText(path, YamlFormat.Serializer.Serialize(yml));
        return new ExportResult
        {
            Files = [path],
            Backups = backup is null ? [] : [backup],
            Notes =
            [
                .. request.ThreadpoolNote("cortex") is { } pool ? [pool] : Array.Empty<string>(),
                "cortex.cpp is archived and, since #2209, ignores ngl, ctx_len and cpu_threads; threads_batch, batch, flash attention, KV cache type, weight repack, mmap, split mode and tensor split, and expert placement (n_cpu_moe, cpu_moe) have no cortex keys. Use --format jan, llama-server or ollama for a runtime that applies them",
                request.BackendNote("cortex", "cortex runs the llama.cpp engine variant it installed (`cortex engines`), not one this file can choose"),
            ],
        };
    }
}
