using JanTune.Core;
using JanTune.Core.Inference;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JanTune.Server.Config;

public static partial class ConfigFileReader
{
    private static readonly string[] Sections = ["settings", "llamacpp", "llama_cpp"];

    /// <summary>Keys that describe the model or the file, not how to run it: read past without a word.</summary>
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "id", "model", "name", "version", "engine", "size_bytes", "model_size_bytes", "model_sha256", "sha256", "mmproj_sha256",
        "mmproj_size_bytes", "embedding_check_v", "mtp_check_v", "mtp_layers", "prompt_template", "stop", "stream", "owned_by",
        "created", "object", "description", "format", "pooling",
    };

    /// <summary>Reads a Jan or cortex model.yml (keys at the top level, or under settings / llamacpp).</summary>
    public static ConfigFileSettings ParseYaml(string yaml, string source = "model.yml")
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
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet throws these, not a YamlException, on some malformed input (both found by scripts/fuzz.sh):
            // ArgumentException from its node model ("    : \x01"), InvalidOperationException from its scanner.
            throw new JanTuneException($"{source} is not valid YAML: {ex.Message}", "fix the file or re-export it");
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

        return FromKeys(values, Path.GetFileName(source));
    }

    /// <summary>Jan's model.yml, not cortex's (which names its model under <c>files</c>): Jan's defaults and slot rules apply.</summary>
    private static bool IsJan(Dictionary<string, string> values) => !values.ContainsKey("files");

    private static ConfigFileSettings FromKeys(Dictionary<string, string> values, string file)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        string? Get(string property, params string[] keys)
        {
            foreach (var key in keys)
            {
                used.Add(key);
            }

            var hit = keys.FirstOrDefault(k => values.TryGetValue(k, out var v) && v.Length > 0);
            if (hit is null)
            {
                return null;
            }

            origins[property] = $"{file}: {hit}";
            return values[hit];
        }

        string Key(string property) => origins[property][(file.Length + 2)..];
        var c = new ConfigFileSettings().Config;
        if (Get(nameof(c.ModelPath), "model_path", "llama_model_path", "files") is { } path)
        {
            c = c with { ModelPath = path };
        }

        var jan = IsJan(values);
        var auto = false;
        if (Get(nameof(c.GpuLayers), "n_gpu_layers", "ngl") is { } ngl)
        {
            c = c with { GpuLayers = ParseGpuLayers(ngl, Key(nameof(c.GpuLayers)), file) };
            auto = IsAutoLayers(ngl);
        }

        if (Get(nameof(c.ContextSize), "ctx_size", "ctx_len") is { } ctx)
        {
            c = c with { ContextSize = ParseNonNegative(ctx, Key(nameof(c.ContextSize)), file) };
        }
        else if (jan)
        {
            // Jan writes no ctx_size on import and then runs the model's trained context (llama.cpp's n_ctx 0).
            c = c with { ContextSize = 0 };
            origins[nameof(c.ContextSize)] = $"{file}: no ctx_size, so the model's trained context, as Jan runs it";
        }

        if (Get(nameof(c.Threads), "threads", "cpu_threads") is { } t)
        {
            c = c with { Threads = ParseThreads(t, Key(nameof(c.Threads)), file) };
        }

        if (Get(nameof(c.ThreadsBatch), "threads_batch") is { } tb)
        {
            c = c with { ThreadsBatch = ParseThreads(tb, "threads_batch", file) };
        }

        if (Get(nameof(c.BatchSize), "batch_size", "n_batch") is { } b)
        {
            c = c with { BatchSize = ParsePositive(b, Key(nameof(c.BatchSize)), file) };
        }

        if (Get(nameof(c.UBatchSize), "ubatch_size", "n_ubatch") is { } ub)
        {
            c = c with { UBatchSize = ParsePositive(ub, Key(nameof(c.UBatchSize)), file) };
        }

        if (Get(nameof(c.FlashAttention), "flash_attn") is { } fa)
        {
            if (fa.Trim().ToLowerInvariant() is "true" or "false" or "yes" or "no")
            {
                // Older Jan wrote a boolean; preset.ts passes only the strings "on" / "off" on, so Jan runs auto.
                c = c with { FlashAttention = FlashAttention.Auto };
                origins[nameof(c.FlashAttention)] = $"{file}: flash_attn {fa} is a boolean, which Jan does not pass to llama.cpp (only \"on\" / \"off\"), so auto";
            }
            else
            {
                c = c with { FlashAttention = ParseFlash(fa, "flash_attn", file) };
            }
        }

        if (Get(nameof(c.CacheType), "cache_type_k", "cache_type") is { } k)
        {
            c = c with { CacheType = ParseCache(k, Key(nameof(c.CacheType)), file) };
        }

        if (Get(nameof(c.CacheTypeV), "cache_type_v", "cache_type") is { } v)
        {
            c = c with { CacheTypeV = ParseCache(v, Key(nameof(c.CacheTypeV)), file) };
        }

        if (Get(nameof(c.SplitMode), "split_mode") is { } sm)
        {
            c = c with { SplitMode = ParseSplit(sm, "split_mode", file) };
        }

        if (Get(nameof(c.TensorSplit), "tensor_split") is { } ts)
        {
            c = c with { TensorSplit = ParseTensorSplit(ts, "tensor_split", file) };
        }

        if (Get(nameof(c.UseMmap), "no_mmap") is { } nm)
        {
            c = c with { UseMmap = !ParseBool(nm, "no_mmap", file) };
        }

        if (Get(nameof(c.CpuMoeLayers), "n_cpu_moe") is { } ncmoe)
        {
            c = c with { CpuMoeLayers = ParseNonNegative(ncmoe, "n_cpu_moe", file) };
        }

        if (Get(nameof(c.CpuMoe), "cpu_moe") is { } cmoe)
        {
            c = c with { CpuMoe = ParseBool(cmoe, "cpu_moe", file) };
        }

        if (Get(nameof(c.OverrideTensor), "override_tensor") is { } ot)
        {
            c = c with { OverrideTensor = ParseOverrideTensor(ot, "override_tensor", file) };
        }

        var parallel = Get("Parallel", "parallel", "n_parallel") is { } np ? ParsePositive(np, Key("Parallel"), file) : (int?)null;
        Refuse(values, used, file);
        var notApplied = values.Keys.Where(k => !used.Contains(k) && !Metadata.Contains(k) && !Sections.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (jan)
        {
            // Jan runs parallel + 2 slots sharing one KV cache of ctx_size (kv_unified on while its setting is auto).
            origins["KvUnified"] = $"{file}: Jan shares ctx_size among its slots";
            if (parallel is not null)
            {
                origins["Parallel"] += "; Jan adds 2 background slots of its own, serve runs these";
            }
        }

        return new ConfigFileSettings
        {
            Config = c, Parallel = parallel, Origins = origins, NotApplied = notApplied, GpuLayersAuto = auto, SharedContext = jan, KvUnified = jan ? true : null,
        };
    }

    /// <summary>Keys Jan reads that change how the model runs, set to something serve cannot do.</summary>
    private static void Refuse(Dictionary<string, string> values, HashSet<string> used, string file)
    {
        void Check(string key, Func<string, bool> appliable, string what)
        {
            used.Add(key);
            if (values.TryGetValue(key, out var raw) && raw.Length > 0 && !appliable(raw))
            {
                throw CannotApply(file, key, raw, what);
            }
        }

        static bool Off(string raw) => raw.Trim().ToLowerInvariant() is "false" or "0" or "off" or "no";
        Check("cont_batching", raw => !Off(raw), "jantune serve always batches its slots continuously; remove the key or set it to true");
        Check("mlock", Off, "jantune serve does not lock the model in RAM; remove the key or set it to false");
        Check("embedding", Off, "jantune serve serves chat and completions, not embeddings; serve a generative model");
        Check("no_kv_offload", Off, "jantune serve keeps the KV cache with the offloaded layers; remove the key or set it to false");
        Check("main_gpu", raw => raw.Trim() == "0", "jantune serve uses the first GPU; remove the key or set it to 0");
        Check("mtp", Off, "speculative decoding is not supported by jantune serve; remove the key or set it to false");
        Check("mmproj_path", raw => raw.Trim().Length == 0, "jantune serve has no multimodal projector support; serve a text-only model");
        Check("chat_template", raw => raw.Trim().Length == 0, "jantune serve formats chats with the model's own template (its GGUF tokenizer.chat_template); remove the key, or use llama-server for a custom template");
    }

    private static void Collect(YamlMappingNode map, Dictionary<string, string> values, string source)
    {
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } k })
            {
                continue;
            }

            if (value is YamlScalarNode { Value: { } v })
            {
                values[k] = v;
            }
            else if (k == "files" && value is YamlSequenceNode files)
            {
                // cortex keeps the model file as the first entry of a list.
                values[k] = files.Children.OfType<YamlScalarNode>().FirstOrDefault()?.Value
                    ?? throw new JanTuneException($"{source}: 'files' must list the model file");
            }
            else if (IsKnown(k))
            {
                throw new JanTuneException($"{source}: '{k}' must be a single value, not a list or mapping");
            }
            else if (!Sections.Contains(k))
            {
                // A list or mapping serve has no use for: named among the keys not applied.
                values.TryAdd(k, string.Empty);
            }
        }
    }

    private static bool IsKnown(string key) => key is "model_path" or "n_gpu_layers" or "ngl" or "ctx_size" or "ctx_len" or "threads" or "threads_batch"
        or "cpu_threads" or "batch_size" or "ubatch_size" or "flash_attn" or "cache_type_k" or "cache_type_v" or "cache_type" or "parallel" or "n_parallel"
        or "split_mode" or "tensor_split" or "no_mmap" or "cont_batching" or "n_cpu_moe" or "cpu_moe" or "chat_template";
}
