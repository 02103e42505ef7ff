using JanTune.Core.Inference;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JanTune.Core.Export;

/// <summary>
/// Jan (0.7+, llama.cpp router): writes the tuned per-model settings into <c>&lt;data&gt;/llamacpp/models/&lt;id&gt;/model.yml</c>,
/// the file Jan's preset generator reads (janhq/jan extensions/llamacpp-extension/src/preset.ts), and, only when asked,
/// the engine-wide ones into <c>llamacpp/settings.json</c>. A model Jan already knows (same GGUF file) keeps its id and
/// every key JanTune does not tune; the replaced file is backed up. What Jan cannot express is reported, never dropped.
/// </summary>
public sealed partial class JanExporter : IConfigExporter
{
    public string Format => "jan";

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var dataDir = Path.GetFullPath(outDir);
        var modelsDir = Path.Combine(dataDir, "llamacpp", "models");
        var modelFile = Path.GetFullPath(request.Config.ModelPath);
        var installed = FindInstalled(modelsDir, dataDir, modelFile);
        var ymlPath = installed?.Path ?? Path.Combine(modelsDir, request.ModelId, "model.yml");
        var yml = installed?.Yml ?? new YamlMappingNode();
        var c = request.Config;
        SetIfAbsent(yml, "model_path", modelFile);
        SetIfAbsent(yml, "name", request.ModelName);
        if (request.ModelSizeBytes > 0)
        {
            Set(yml, "size_bytes", request.ModelSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), plain: true);
        }

        SetIfAbsent(yml, "embedding", "false", plain: true);
        if (request.Sha256 is { Length: > 0 } sha)
        {
            SetIfAbsent(yml, "model_sha256", sha);
        }

        Set(yml, "n_gpu_layers", ExportRequest.Number(request.GpuLayers), plain: true);
        Set(yml, "ctx_size", ExportRequest.Number(c.ContextSize), plain: true);
        Set(yml, "batch_size", ExportRequest.Number(c.BatchSize), plain: true);
        Set(yml, "ubatch_size", ExportRequest.Number(c.UBatchSize), plain: true);
        if (c.FlashAttention == FlashAttention.Auto)
        {
            // preset.ts passes only on/off; leaving the key out is how Jan says auto.
            yml.Children.Remove(new YamlScalarNode("flash_attn"));
        }
        else
        {
            Set(yml, "flash_attn", c.FlashAttention.Name());
        }

        Set(yml, "cache_type_k", c.CacheType.Name());
        Set(yml, "cache_type_v", c.EffectiveCacheTypeV.Name());
        Set(yml, "parallel", ExportRequest.Number(request.Parallel), plain: true);
        Set(yml, "cont_batching", "true", plain: true);

        // preset.ts: cpu_moe true -> "cpu-moe = true", n_cpu_moe > 0 -> "n-cpu-moe = N"; absent = no override, so a
        // placement from an earlier export must not linger when this configuration has none.
        SetOrRemove(yml, "cpu_moe", c.CpuMoe ? "true" : null);
        SetOrRemove(yml, "n_cpu_moe", c.CpuMoeLayers > 0 ? ExportRequest.Number(c.CpuMoeLayers) : null);

        // override_tensor → "-ot VALUE" in preset.ts. Written when the tuning measured one; a value the user set
        // themselves is otherwise kept and reported below, as before.
        if (c.OverrideTensor is not null)
        {
            Set(yml, "override_tensor", c.OverrideTensor);
        }

        var files = new List<string> { ymlPath };
        var backups = new List<string>();
        if (writer.WriteText(ymlPath, Emit(yml)) is { } backup)
        {
            backups.Add(backup);
        }

        var notes = new List<string>(ModelNotes(request));
        if (installed is not null && KeptLoadKeys(yml, c.OverrideTensor is not null) is { Length: > 0 } kept)
        {
            notes.Add($"kept from the existing {ymlPath}, not tuned by JanTune, and they change how Jan loads or runs the model: {kept}; the measured speed is without them, so remove them there to run what was measured");
        }

        notes.AddRange(WriteEngineSettings(request, dataDir, writer, files, backups));
        notes.Add("Jan reads model.yml when it starts its llama.cpp router: restart Jan to load the new settings");
        return new ExportResult { Files = files, Backups = backups, Notes = notes };
    }

    /// <summary>Every model.yml Jan lists (nested ids included) whose model_path is this GGUF file.</summary>
    private static (string Path, YamlMappingNode Yml)? FindInstalled(string modelsDir, string dataDir, string modelFile)
    {
        if (!Directory.Exists(modelsDir))
        {
            return null;
        }

        foreach (var path in Directory.EnumerateFiles(modelsDir, "model.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var yml = Load(path);
            if (yml?.Children.TryGetValue(new YamlScalarNode("model_path"), out var node) == true && node is YamlScalarNode { Value: { Length: > 0 } p }
                && string.Equals(Path.GetFullPath(Path.Combine(dataDir, p)), modelFile, StringComparison.Ordinal))
            {
                return (path, yml);
            }
        }

        return null;
    }

    private static IEnumerable<string> ModelNotes(ExportRequest request)
    {
        var c = request.Config;
        if (request.ThreadpoolNote("Jan") is { } pool)
        {
            yield return pool;
        }

        yield return $"parallel {request.Parallel}: Jan starts {request.Parallel + 2} llama-server slots (two reserved for background requests) sharing one unified KV cache of ctx_size {c.ContextSize} tokens (preset.ts RESERVED_BACKGROUND_SLOTS, kv-unified)";
        if (!c.WeightRepack)
        {
            yield return "weight repack off is not applied: Jan has no setting for it and drops LLAMA* environment variables (index.ts parseEnvFromString), so its llama-server repacks Q4_0/Q8_0 weights; expect the repacked speed and about the repacked memory";
        }

        if (!string.Equals(c.Backend, "cpu", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"backend {c.Backend}: Jan runs the llama.cpp build chosen under Settings > llama.cpp (llamacpp_backend); pick a {c.Backend} build to match the tuning";
        }
    }

    /// <summary>
    /// Keys of an existing model.yml that preset.ts turns into load or speed flags JanTune does not tune
    /// (override_tensor → -ot, no_kv_offload, mmproj_offload, the MTP / speculative-decoding keys), with their values.
    /// </summary>
    private static string KeptLoadKeys(YamlMappingNode yml, bool overrideTensorTuned) => string.Join(", ", LoadKeysNotTuned
        .Where(k => yml.Children.ContainsKey(new YamlScalarNode(k)) && !(overrideTensorTuned && k == "override_tensor"))
        .Select(k => $"{k} {(yml.Children[new YamlScalarNode(k)] as YamlScalarNode)?.Value ?? "(a list or map)"}"));

    private static readonly string[] LoadKeysNotTuned =
        ["override_tensor", "no_kv_offload", "mmproj_offload", "mtp", "mtp_layers", "mtp_model_path", "spec_type", "spec_draft_n_max", "spec_draft_n_min", "spec_draft_p_min"];

    private static YamlMappingNode? Load(string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException ex)
        {
            throw new JanTuneException($"{path} is not valid YAML (line {ex.Start.Line}): {ex.Message}", "fix or move the file; JanTune will not overwrite a model.yml it cannot read");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input (found by scripts/fuzz.sh).
            throw new JanTuneException($"{path} is not valid YAML: {ex.Message}", "fix or move the file; JanTune will not overwrite a model.yml it cannot read");
        }
    }

    private static void SetOrRemove(YamlMappingNode yml, string key, string? plainValue)
    {
        if (plainValue is null)
        {
            yml.Children.Remove(new YamlScalarNode(key));
        }
        else
        {
            Set(yml, key, plainValue, plain: true);
        }
    }

    private static void SetIfAbsent(YamlMappingNode yml, string key, string value, bool plain = false)
    {
        if (!yml.Children.ContainsKey(new YamlScalarNode(key)))
        {
            Set(yml, key, value, plain);
        }
    }

    /// <summary>Numbers and booleans plain; strings quoted when YAML would otherwise read them as something else.</summary>
    private static void Set(YamlMappingNode yml, string key, string value, bool plain = false)
    {
        var quote = !plain && (value.Length == 0 || bool.TryParse(value, out _) || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)
            || value is "null" or "~" or "yes" or "no" or "on" or "off");
        yml.Children[new YamlScalarNode(key)] = new YamlScalarNode(value) { Style = quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    private static string Emit(YamlMappingNode yml)
    {
        using var text = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(yml)).Save(text, assignAnchors: false);
        var s = text.ToString().ReplaceLineEndings("\n");
        return s.EndsWith("...\n", StringComparison.Ordinal) ? s[..^4] : s;
    }
}
