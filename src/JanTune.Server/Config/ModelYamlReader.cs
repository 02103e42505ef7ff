using System.Globalization;
using JanTune.Core;
using JanTune.Core.Inference;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JanTune.Server.Config;

/// <summary>
/// Reads the llama.cpp settings from a Jan model.yml (top level, or under <c>settings</c> / <c>llamacpp</c>).
/// Tolerant of keys it does not know (the file carries much more), strict on the types of those it does: a wrong type
/// is an error naming the key, never a silent default.
/// </summary>
public static class ModelYamlReader
{
    private static readonly string[] Sections = ["settings", "llamacpp", "llama_cpp"];

    public static ModelYamlSettings Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new JanTuneException($"config file {path} not found", "pass the model.yml written by `jantune export`");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ModelYamlSettings Parse(string yaml, string source = "model.yml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new JanTuneException($"{source} is not valid YAML (line {ex.Start.Line}): {ex.Message}", "fix the file or re-export it");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new JanTuneException($"{source} must be a YAML mapping of settings");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(root, values, source);
        foreach (var section in Sections)
        {
            if (root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlMappingNode map)
            {
                Collect(map, values, source);
            }
        }

        return new ModelYamlSettings
        {
            ModelPath = values.GetValueOrDefault("model_path") ?? values.GetValueOrDefault("llama_model_path"),
            GpuLayers = Int(values, "n_gpu_layers", source) ?? Int(values, "ngl", source),
            ContextSize = Int(values, "ctx_size", source) ?? Int(values, "ctx_len", source),
            Threads = Int(values, "threads", source) ?? Int(values, "cpu_threads", source),
            ThreadsBatch = Int(values, "threads_batch", source),
            BatchSize = Int(values, "batch_size", source) ?? Int(values, "n_batch", source),
            UBatchSize = Int(values, "ubatch_size", source) ?? Int(values, "n_ubatch", source),
            FlashAttention = Flash(values, source),
            CacheTypeK = Cache(values, "cache_type_k", source) ?? Cache(values, "cache_type", source),
            CacheTypeV = Cache(values, "cache_type_v", source) ?? Cache(values, "cache_type", source),
            Parallel = Int(values, "parallel", source) ?? Int(values, "n_parallel", source),
        };
    }

    private static void Collect(YamlMappingNode map, Dictionary<string, string> values, string source)
    {
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } v })
            {
                values[k] = v;
            }
            else if (key is YamlScalarNode { Value: { } known } && IsKnown(known) && value is not YamlScalarNode)
            {
                throw new JanTuneException($"{source}: '{known}' must be a single value, not a list or mapping");
            }
        }
    }

    private static bool IsKnown(string key) => key is "model_path" or "n_gpu_layers" or "ngl" or "ctx_size" or "ctx_len" or "threads" or "threads_batch"
        or "batch_size" or "ubatch_size" or "flash_attn" or "cache_type_k" or "cache_type_v" or "cache_type" or "parallel";

    private static int? Int(Dictionary<string, string> values, string key, string source)
    {
        if (!values.TryGetValue(key, out var raw) || raw.Length == 0)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JanTuneException($"{source}: '{key}' must be an integer, got '{raw}'");
    }

    private static FlashAttention? Flash(Dictionary<string, string> values, string source)
    {
        if (!values.TryGetValue("flash_attn", out var raw) || raw.Length == 0)
        {
            return null;
        }

        return raw.ToLowerInvariant() switch
        {
            "true" or "on" or "1" or "enabled" => FlashAttention.On,
            "false" or "off" or "0" or "disabled" => FlashAttention.Off,
            "auto" => FlashAttention.Auto,
            _ => throw new JanTuneException($"{source}: 'flash_attn' must be true, false, on, off or auto, got '{raw}'"),
        };
    }

    private static KvCacheType? Cache(Dictionary<string, string> values, string key, string source)
    {
        if (!values.TryGetValue(key, out var raw) || raw.Length == 0)
        {
            return null;
        }

        return Enum.TryParse<KvCacheType>(raw, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(raw, CultureInfo.InvariantCulture, out _)
            ? type
            : throw new JanTuneException($"{source}: '{key}' must be one of {string.Join(", ", Enum.GetNames<KvCacheType>().Select(n => n.ToLowerInvariant()))}, got '{raw}'");
    }
}
