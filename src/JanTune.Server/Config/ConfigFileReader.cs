using System.Globalization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core;

namespace JanTune.Server.Config;

/// <summary>
/// Reads what `jantune serve --config` is given, in the format it is in: a Jan model.yml (as Jan writes it, relative
/// model_path against Jan's data folder), a cortex model.yml (<c>files</c>), a llama-server script or an Ollama
/// Modelfile (JanTune's exports of each). Never falls back silently: a key it understands but serve cannot apply is
/// an error naming the key and what to do; a value of the wrong type is an error naming the key.
/// </summary>
public static partial class ConfigFileReader
{
    public static ConfigFileSettings Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new JanTuneException($"config file {path} not found", "pass a model.yml, llama-server.sh or Modelfile written by `jantune export` or by Jan");
        }

        var full = Path.GetFullPath(path);
        var text = File.ReadAllText(full);
        var format = Detect(full, text);
        var settings = Parse(text, full, format);
        if (format == ConfigFormat.Yaml)
        {
            settings = WithJanEngineSettings(settings, full);
        }

        return settings.ModelPath is { } p && !Path.IsPathRooted(p)
            ? settings with { Config = settings.Config with { ModelPath = Path.GetFullPath(Path.Combine(BaseFolder(full), p)) } }
            : settings;
    }

    /// <summary>The text of a config file, in the format its name and first line say (no file access; fuzzed).</summary>
    internal static ConfigFileSettings Parse(string text, string fullPath) => Parse(text, fullPath, Detect(fullPath, text));

    private static ConfigFileSettings Parse(string text, string fullPath, ConfigFormat format) => format switch
    {
        ConfigFormat.LlamaServer => ParseLlamaServer(text, fullPath),
        ConfigFormat.Modelfile => ParseModelfile(text, fullPath),
        _ => ParseYaml(text, fullPath),
    };

    /// <summary>
    /// What a relative model path is relative to: Jan's data folder for a model.yml under
    /// &lt;data&gt;/llamacpp/models/ (Jan joins model_path to its data folder), else the config file's folder.
    /// </summary>
    internal static string BaseFolder(string configFile)
    {
        for (var dir = Path.GetDirectoryName(configFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) == "models" && Path.GetDirectoryName(dir) is { } provider && Path.GetFileName(provider) == "llamacpp")
            {
                return Path.GetDirectoryName(provider)!;
            }
        }

        return Path.GetDirectoryName(configFile)!;
    }

    private static ConfigFormat Detect(string path, string text)
    {
        var name = Path.GetFileName(path);
        var firstCode = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) ?? string.Empty;
        if (name.EndsWith(".sh", StringComparison.OrdinalIgnoreCase) || text.StartsWith("#!", StringComparison.Ordinal))
        {
            return ConfigFormat.LlamaServer;
        }

        return string.Equals(name, "Modelfile", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".Modelfile", StringComparison.OrdinalIgnoreCase)
            || firstCode.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)
            ? ConfigFormat.Modelfile
            : ConfigFormat.Yaml;
    }

    private static int ParseInt(string raw, string key, string source) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JanTuneException($"{source}: '{key}' must be an integer, got '{raw}'");

    /// <summary>
    /// llama.cpp's -ngl: a count, auto (-1) or all (-2 or less). Both become -1 here; auto is also flagged
    /// (<see cref="IsAutoLayers"/>, <see cref="ConfigFileSettings.GpuLayersAuto"/>), because serve does not fit.
    /// </summary>
    private static int ParseGpuLayers(string raw, string key, string source) => raw.Trim().ToLowerInvariant() switch
    {
        "auto" or "all" => -1,
        _ => Math.Max(-1, ParseInt(raw, key, source)),
    };

    /// <summary>-1 / auto: llama.cpp's fit chooses the layers (common/arg.cpp; Jan's n_gpu_layers -1).</summary>
    private static bool IsAutoLayers(string raw) => raw.Trim().ToLowerInvariant() is "auto" or "-1";

    /// <summary>
    /// A ggml device list (llama-server -dev, Jan's settings.json device: CUDA0, Vulkan0,1…, none) as the backend serve
    /// loads. Serve offloads to every device of that backend, so a list must start at the first device.
    /// </summary>
    private static string ParseDevice(string raw, string key, string source)
    {
        var names = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names is ["none"])
        {
            return "cpu";
        }

        var backends = new List<string>();
        var indexes = new List<int>();
        foreach (var name in names)
        {
            var prefix = new string(name.TakeWhile(char.IsLetter).ToArray());
            var backend = prefix.ToLowerInvariant() switch
            {
                "cuda" => "cuda",
                "vulkan" => "vulkan",
                _ => throw new JanTuneException($"{source}: '{key}' names device '{name}', which no backend of jantune serve drives", "serve runs cpu, cuda (CUDA0, …) or vulkan (Vulkan0, …): name one of those, or remove the key and pass --backend"),
            };
            backends.Add(backend);
            indexes.Add(int.TryParse(name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i
                : throw new JanTuneException($"{source}: '{key}' device '{name}' has no index", "write it as ggml names it, e.g. CUDA0 or Vulkan0"));
        }

        if (backends.Count == 0 || backends.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new JanTuneException($"{source}: '{key}: {raw}' must name devices of one backend", "serve loads one backend: e.g. CUDA0 or CUDA0,CUDA1");
        }

        if (!indexes.Order().SequenceEqual(Enumerable.Range(0, indexes.Count)))
        {
            throw new JanTuneException($"{source}: '{key}: {raw}' picks particular GPUs; jantune serve offloads to every {backends[0]} device from the first", $"remove the key and pass --backend {backends[0]}, and limit the GPUs with {(backends[0] == "cuda" ? "CUDA_VISIBLE_DEVICES" : "GGML_VK_VISIBLE_DEVICES")}");
        }

        return backends[0];
    }

    private static int ParseNonNegative(string raw, string key, string source) =>
        ParseInt(raw, key, source) is var v and >= 0 ? v : throw new JanTuneException($"{source}: '{key}' must be 0 or more, got '{raw}'");

    /// <summary>llama.cpp's -ot value, host-memory overrides only; blank = none.</summary>
    private static string? ParseOverrideTensor(string raw, string key, string source)
    {
        try
        {
            return Core.Inference.TensorOverrides.Normalize(raw);
        }
        catch (JanTuneException ex)
        {
            throw new JanTuneException($"{source}: '{key}': {ex.Message}", ex.Hint);
        }
    }

    private static int ParsePositive(string raw, string key, string source) =>
        ParseInt(raw, key, source) is var v and > 0 ? v : throw new JanTuneException($"{source}: '{key}' must be at least 1, got '{raw}'");

    /// <summary>Thread counts: Jan's -1 means the machine's logical cores.</summary>
    private static int ParseThreads(string raw, string key, string source) =>
        ParseInt(raw, key, source) is var v && v == -1 ? Environment.ProcessorCount
        : v > 0 ? v : throw new JanTuneException($"{source}: '{key}' must be at least 1 (or -1 for every core), got '{raw}'");

    private static FlashAttention ParseFlash(string raw, string key, string source) =>
        LlamaCppNames.TryParseFlashAttention(raw, out var f) ? f : throw new JanTuneException($"{source}: '{key}' must be on, off or auto, got '{raw}'");

    private static GgmlType ParseCache(string raw, string key, string source) =>
        LlamaCppNames.TryParseCacheType(raw, out var t) ? t
            : throw new JanTuneException($"{source}: '{key}' must be one of {string.Join(", ", LlamaCppNames.CacheTypeNames)}, got '{raw}'");

    private static SplitMode ParseSplit(string raw, string key, string source) =>
        LlamaCppNames.TryParseSplitMode(raw, out var m) ? m
            : throw new JanTuneException($"{source}: '{key}' must be one of {string.Join(", ", LlamaCppNames.SplitModeNames)}, got '{raw}'");

    private static string ParseTensorSplit(string raw, string key, string source)
    {
        var parts = raw.Split([',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.All(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 0)
            ? string.Join(',', parts)
            : throw new JanTuneException($"{source}: '{key}' must be comma-separated proportions such as 3,1, got '{raw}'");
    }

    private static bool ParseBool(string raw, string key, string source) => raw.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "1" or "yes" => true,
        "false" or "off" or "0" or "no" => false,
        _ => throw new JanTuneException($"{source}: '{key}' must be true or false, got '{raw}'"),
    };

    private static JanTuneException CannotApply(string source, string key, string value, string what) =>
        new($"{source}: '{key}: {value}' cannot be applied by jantune serve", what);

    private enum ConfigFormat
    {
        Yaml,
        LlamaServer,
        Modelfile,
    }
}
