using System.Text.Json;
using System.Text.Json.Nodes;
using JanTune.Core.Inference;

namespace JanTune.Core.Export;

public sealed partial class JanExporter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The engine-wide keys (one value for every Jan model) as Jan's settings store keeps them: an array of
    /// <c>{key, controllerProps: {value}}</c> (src/settings-store.ts, read into the preset's [*] section). Jan's
    /// split_mode dropdown offers none, layer and row only; any other value it resets to the first option.
    /// </summary>
    internal static IReadOnlyList<(string Key, JsonNode Value)> EngineValues(ExportRequest request, List<string> notes)
    {
        var c = request.Config;
        var values = new List<(string, JsonNode)>
        {
            ("threads", JsonValue.Create(c.Threads)),
            ("threads_batch", JsonValue.Create(c.EffectiveThreadsBatch)),
            ("no_mmap", JsonValue.Create(request.NoMmap)),
            ("mlock", JsonValue.Create(request.Mlock)),
        };
        if (!request.UsesGpu)
        {
            return values;
        }

        values.Add(("device", JsonValue.Create(request.Device)));
        values.Add(("main_gpu", JsonValue.Create(0)));
        if (c.SplitMode is SplitMode.None or SplitMode.Layer or SplitMode.Row)
        {
            values.Add(("split_mode", JsonValue.Create(c.SplitMode.Name())));
        }
        else
        {
            notes.Add($"split mode {c.SplitMode.Name()} is not written: Jan's split_mode setting offers none, layer and row only (a multi-GPU run in Jan uses layer)");
        }

        values.Add(("tensor_split", JsonValue.Create(c.TensorSplit)));
        return values;
    }

    private static List<string> WriteEngineSettings(ExportRequest request, string dataDir, AtomicFileWriter writer, List<string> files, List<string> backups)
    {
        var notes = new List<string>();
        var values = EngineValues(request, notes);
        var path = Path.Combine(dataDir, "llamacpp", "settings.json");
        var listed = string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToJsonString()}"));
        if (!request.EngineSettings)
        {
            notes.Add($"engine-wide settings not written (they apply to every Jan model): {listed}; add --engine-settings to update {path} (the current file is backed up first)");
            return notes;
        }

        var array = ReadSettings(path);
        foreach (var (key, value) in values)
        {
            var entry = array.OfType<JsonObject>().FirstOrDefault(e => e["key"]?.GetValueKind() == JsonValueKind.String && e["key"]!.GetValue<string>() == key);
            if (entry is null)
            {
                array.Add(new JsonObject { ["key"] = key, ["controllerProps"] = new JsonObject { ["value"] = value.DeepClone() } });
            }
            else if (entry["controllerProps"] is JsonObject props)
            {
                props["value"] = value.DeepClone();
            }
            else
            {
                entry["controllerProps"] = new JsonObject { ["value"] = value.DeepClone() };
            }
        }

        files.Add(path);
        if (writer.WriteText(path, array.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n") is { } backup)
        {
            backups.Add(backup);
        }

        notes.Add($"engine-wide settings updated in {path}: {listed}");
        return notes;
    }

    private static JsonArray ReadSettings(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonArray
                ?? throw new JanTuneException($"{path} is not a JSON array of settings", "Jan writes it as [{\"key\": ..., \"controllerProps\": {\"value\": ...}}]; fix or move it, then export again");
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"{path} is not valid JSON: {ex.Message}", "fix or move it, then export again; JanTune does not overwrite a settings file it cannot read");
        }
    }
}
