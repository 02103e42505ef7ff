using System.Text.Json;

namespace JanTune.Core.Export;

/// <summary>Jan: model.yml (what the model is) and llamacpp-settings.json (how to load it).</summary>
public sealed class JanExporter : IConfigExporter
{
    public const string SettingsFileName = "llamacpp-settings.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Format => "jan";

    public IReadOnlyList<string> Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var model = new JanModelYml
        {
            ModelPath = request.Config.ModelPath,
            Name = request.ModelName,
            SizeBytes = request.ModelSizeBytes,
            Embedding = false,
            Sha256 = request.Sha256,
        };
        var c = request.Config;
        var settings = new JanLlamacppSettings
        {
            NGpuLayers = request.GpuLayers,
            CtxSize = c.ContextSize,
            Threads = c.Threads,
            ThreadsBatch = c.Threads,
            BatchSize = c.BatchSize,
            UBatchSize = c.UBatchSize,
            FlashAttn = request.FlashAttentionText,
            CacheTypeK = request.CacheTypeText,
            CacheTypeV = request.CacheTypeText,
            NoMmap = request.NoMmap,
            Mlock = request.Mlock,
            ContBatching = request.Parallel > 1,
            Parallel = request.Parallel,
            Device = request.Device,
            SplitMode = request.SplitModeText,
            MainGpu = 0,
        };
        var modelPath = Path.Combine(outDir, "model.yml");
        var settingsPath = Path.Combine(outDir, SettingsFileName);
        writer.WriteText(modelPath, YamlFormat.Serializer.Serialize(model));
        writer.WriteText(settingsPath, JsonSerializer.Serialize(settings, Json).ReplaceLineEndings("\n") + "\n");
        return [modelPath, settingsPath];
    }
}
