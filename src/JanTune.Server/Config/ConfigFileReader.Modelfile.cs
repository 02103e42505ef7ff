using JanTune.Core;
using JanTune.Core.Export;

namespace JanTune.Server.Config;

public static partial class ConfigFileReader
{
    private static readonly HashSet<string> ModelfileText = new(StringComparer.OrdinalIgnoreCase) { "TEMPLATE", "SYSTEM", "LICENSE", "MESSAGE", "REQUIRES" };

    /// <summary>
    /// Reads an Ollama Modelfile: FROM, the runner PARAMETERs (num_ctx is per slot, num_batch is both -b and -ub, as
    /// Ollama passes them), and the <c># env:</c> line JanTune writes for the server-wide variables.
    /// </summary>
    public static ConfigFileSettings ParseModelfile(string text, string source = "Modelfile")
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = Path.GetFileName(source);
        var values = new Dictionary<string, (string Key, string Value)>(StringComparer.Ordinal);
        var notApplied = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(OllamaExporter.EnvPrefix.TrimEnd(), StringComparison.Ordinal))
            {
                foreach (var pair in line[OllamaExporter.EnvPrefix.TrimEnd().Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (name, value) = (pair.Split('=', 2)[0], pair.Split('=', 2).ElementAtOrDefault(1) ?? string.Empty);
                    Put(values, notApplied, name, value);
                }

                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0].ToUpperInvariant())
            {
                case "FROM":
                    values["ModelPath"] = ("FROM", line[4..].Trim());
                    break;
                case "PARAMETER" when parts.Length == 3:
                    Put(values, notApplied, parts[1], parts[2]);
                    break;
                case "ADAPTER":
                    throw CannotApply(file, "ADAPTER", parts.ElementAtOrDefault(1) ?? string.Empty, "jantune serve does not apply LoRA adapters; remove the line");
                case var d when ModelfileText.Contains(d):
                    notApplied.Add(d);
                    break;
                default:
                    throw new JanTuneException($"{file}: '{line}' is not a Modelfile instruction jantune serve knows");
            }
        }

        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string property)
        {
            if (!values.TryGetValue(property, out var v))
            {
                return null;
            }

            origins[property] = $"{file}: {v.Key}";
            return v.Value;
        }

        var batch = Get("Batch") is { } nb ? ParsePositive(nb, "num_batch", file) : (int?)null;
        if (batch is not null)
        {
            origins["BatchSize"] = origins["UBatchSize"] = origins["Batch"];
        }

        var c = new ConfigFileSettings().Config;
        if (Get(nameof(c.ModelPath)) is { } path)
        {
            c = c with { ModelPath = path };
        }

        if (batch is { } nb2)
        {
            c = c with { BatchSize = nb2, UBatchSize = nb2 }; // Ollama passes num_batch as both -b and -ub
        }

        if (Get(nameof(c.ContextSize)) is { } ctx)
        {
            c = c with { ContextSize = ParseNonNegative(ctx, "num_ctx", file) };
        }

        if (Get(nameof(c.GpuLayers)) is { } g)
        {
            c = c with { GpuLayers = ParseGpuLayers(g, "num_gpu", file) };
        }

        if (Get(nameof(c.Threads)) is { } t)
        {
            c = c with { Threads = ParsePositive(t, "num_thread", file) };
        }

        if (Get(nameof(c.UseMmap)) is { } m)
        {
            c = c with { UseMmap = ParseBool(m, "use_mmap", file) };
        }

        if (Get(nameof(c.FlashAttention)) is { } fa)
        {
            c = c with { FlashAttention = ParseFlash(fa, "OLLAMA_FLASH_ATTENTION", file) };
        }

        if (Get("CacheType") is { } ct)
        {
            var type = ParseCache(ct, "OLLAMA_KV_CACHE_TYPE", file);
            c = c with { CacheType = type, CacheTypeV = type }; // one variable for K and V
        }

        var parallel = Get("Parallel") is { } np ? ParsePositive(np, "OLLAMA_NUM_PARALLEL", file) : (int?)null;
        return new ConfigFileSettings
        {
            Config = c,
            Parallel = parallel,
            Origins = RenameCache(origins),
            NotApplied = notApplied,
        };
    }

    private static Dictionary<string, string> RenameCache(Dictionary<string, string> origins)
    {
        if (origins.Remove("CacheType", out var o))
        {
            origins["CacheType"] = origins["CacheTypeV"] = o;
        }

        origins.Remove("Batch");
        return origins;
    }

    private static void Put(Dictionary<string, (string Key, string Value)> values, List<string> notApplied, string key, string value)
    {
        var property = key switch
        {
            "num_ctx" => "ContextSize",
            "num_gpu" => "GpuLayers",
            "num_thread" => "Threads",
            "num_batch" => "Batch",
            "use_mmap" => "UseMmap",
            "OLLAMA_FLASH_ATTENTION" => "FlashAttention",
            "OLLAMA_KV_CACHE_TYPE" => "CacheType",
            "OLLAMA_NUM_PARALLEL" => "Parallel",
            "main_gpu" when value.Trim() != "0" => throw CannotApply("Modelfile", key, value, "jantune serve uses the first GPU; remove the parameter"),
            _ => null,
        };
        if (property is null)
        {
            notApplied.Add(key);
        }
        else
        {
            values[property] = (key, value.Trim().Trim('"'));
        }
    }
}
