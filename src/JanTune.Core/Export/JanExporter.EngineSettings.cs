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

        // JanTune passes no device list, so llama.cpp used every GPU of the backend; Jan's device setting is a
        // comma-separated list (settings.json "Devices for Offload"), so a multi-GPU split needs all of them.
        if (request.Devices is { } devices)
        {
            values.Add(("device", JsonValue.Create(string.Join(',', devices))));
        }
        else
        {
            notes.Add($"device is not written: the tuned split ({c.SplitText}) used every {c.Backend} GPU of the tuned machine, and which GPUs those were is not known here; set Devices for Offload in Jan's llama.cpp settings to all of them (e.g. {LlamaServerExporter.BuildName(c.Backend)}0,{LlamaServerExporter.BuildName(c.Backend)}1), or leave it empty for llama.cpp's default of every GPU");
        }

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
        var values = EngineValues(request, notes).ToList();
        var path = Path.Combine(dataDir, "llamacpp", "settings.json");
        if (!request.EngineSettings)
        {
            var listed = string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToJsonString()}"));
            notes.Add($"engine-wide settings not written (they apply to every Jan model): {listed}; add --engine-settings to update {path} (the current file is backed up first)");
            try
            {
                notes.AddRange(EngineOverrides(request.Config, SettingValues(ReadSettings(path))).Select(o => o.Note(path)));
            }
            catch (JanTuneException ex)
            {
                notes.Add($"Jan's engine-wide values could not be checked against the tuned ones: {ex.Message}");
            }

            return notes;
        }

        var array = ReadSettings(path);
        foreach (var o in EngineOverrides(request.Config, SettingValues(array)))
        {
            if (o.JanDefines)
            {
                values.Add((o.Key, o.Tuned));
                notes.Add($"{o.Key} set to {o.Tuned.ToJsonString()} engine-wide (it was {o.Engine.ToJsonString()}): preset.ts {o.Reason}, so only the engine-wide value reaches this model; it applies to every Jan model");
            }
            else
            {
                notes.Add(o.Note(path) + $"; JanTune does not write {o.Key}, because Jan's settings.json defines no such setting");
            }
        }

        var written = string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToJsonString()}"));
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

        notes.Add($"engine-wide settings updated in {path}: {written}");
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
