namespace JanTune.Core.Export;

/// <summary>cortex.cpp: one model.yml holding both the load settings and the sampling defaults.</summary>
public sealed class CortexExporter : IConfigExporter
{
    public string Format => "cortex";

    public IReadOnlyList<string> Export(ExportRequest request, string outDir, AtomicFileWriter writer)
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
        writer.WriteText(path, YamlFormat.Serializer.Serialize(yml));
        return [path];
    }
}
