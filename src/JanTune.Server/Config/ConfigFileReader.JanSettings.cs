using System.Text.Json;
using System.Text.Json.Nodes;
using JanTune.Core;

namespace JanTune.Server.Config;

public static partial class ConfigFileReader
{
    /// <summary>
    /// A model.yml inside Jan's data folder runs with Jan's engine-wide settings too: &lt;data&gt;/llamacpp/settings.json,
    /// an array of {key, controllerProps: {value}} (janhq/jan extensions/llamacpp-extension/src/settings-store.ts) whose
    /// threads, threads_batch, no_mmap, mlock, device (the backend), split_mode and tensor_split go into every model's preset section
    /// (src/preset.ts). A key the model.yml sets itself wins. Values preset.ts does not emit (threads -1, an empty
    /// tensor split) leave llama.cpp's default, as in Jan.
    /// </summary>
    private static ConfigFileSettings WithJanEngineSettings(ConfigFileSettings s, string configFile)
    {
        var data = BaseFolder(configFile);
        var path = Path.Combine(data, "llamacpp", "settings.json");
        if (data == Path.GetDirectoryName(configFile) || !File.Exists(path))
        {
            return s;
        }

        const string File_ = "settings.json";
        Dictionary<string, JsonNode?> values;
        try
        {
            values = (JsonNode.Parse(File.ReadAllText(path)) as JsonArray ?? throw new JanTuneException($"{path} must be a JSON array of {{key, controllerProps}} entries, as Jan writes it"))
                .OfType<JsonObject>()
                .Where(e => e["key"]?.GetValueKind() == JsonValueKind.String)
                .GroupBy(e => e["key"]!.GetValue<string>(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()["controllerProps"]?["value"], StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"{path} is not valid JSON: {ex.Message}", "fix it, or restore the backup `jantune export --engine-settings` made");
        }

        var origins = new Dictionary<string, string>(s.Origins, StringComparer.Ordinal);
        string? Raw(string property, string key, bool alreadySet)
        {
            if (alreadySet || !values.TryGetValue(key, out var node) || node is null)
            {
                return null;
            }

            var raw = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
            if (raw.Length == 0)
            {
                return null;
            }

            origins[property] = $"{File_}: {key}";
            return raw;
        }

        int? Threads(string property, string key, bool set) =>
            Raw(property, key, set) is { } raw && ParseInt(raw, key, File_) is var n and > 0 ? n : Unset(property);
        int? Unset(string property)
        {
            if (origins.TryGetValue(property, out var o) && o.StartsWith(File_, StringComparison.Ordinal))
            {
                origins.Remove(property); // -1 is not emitted by Jan: llama.cpp's default applies
            }

            return null;
        }

        if (Raw("Mlock", "mlock", false) is { } mlock && ParseBool(mlock, "mlock", File_))
        {
            throw CannotApply(path, "mlock", mlock, "jantune serve does not lock the model in RAM; turn MLock off in Jan's llama.cpp settings");
        }

        origins.Remove("Mlock");
        var c = s.Config;
        if (Threads(nameof(c.Threads), "threads", s.Sets(nameof(c.Threads))) is { } t)
        {
            c = c with { Threads = t };
        }

        if (Threads(nameof(c.ThreadsBatch), "threads_batch", s.Sets(nameof(c.ThreadsBatch))) is { } tb)
        {
            c = c with { ThreadsBatch = tb };
        }

        if (Raw(nameof(c.UseMmap), "no_mmap", s.Sets(nameof(c.UseMmap))) is { } nm)
        {
            c = c with { UseMmap = !ParseBool(nm, "no_mmap", File_) };
        }

        if (Raw(nameof(c.SplitMode), "split_mode", s.Sets(nameof(c.SplitMode))) is { } sm)
        {
            c = c with { SplitMode = ParseSplit(sm, "split_mode", File_) };
        }

        if (Raw(nameof(c.TensorSplit), "tensor_split", s.Sets(nameof(c.TensorSplit))) is { } ts)
        {
            c = c with { TensorSplit = ParseTensorSplit(ts, "tensor_split", File_) };
        }

        if (Raw(nameof(c.Backend), "device", s.Sets(nameof(c.Backend))) is { } device)
        {
            c = c with { Backend = ParseDevice(device, "device", File_) };
            origins[nameof(c.Backend)] = $"{File_}: device {device}";
        }

        return s with { Config = c, Origins = origins };
    }

}
