using System.Text.Json;
using System.Text.Json.Nodes;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Export;

public sealed partial class JanExporter
{
    /// <summary>
    /// A per-model key Jan does not pass for this model, so Jan's engine-wide value (settings.json, the preset's
    /// <c>[*]</c> section, which llama-server cascades into every model: tools/server/server-models.cpp) runs instead
    /// of the tuned one.
    /// </summary>
    /// <param name="Key">The key, the same in model.yml and settings.json.</param>
    /// <param name="Title">Its name in Jan's llama.cpp settings.</param>
    /// <param name="Engine">The engine-wide value that wins.</param>
    /// <param name="Tuned">The tuned value, as settings.json would hold it.</param>
    /// <param name="Reason">Why preset.ts leaves the per-model value out.</param>
    /// <param name="JanDefines">Whether Jan's settings.json (extensions/llamacpp-extension/settings.json) defines the key, so JanTune may write it.</param>
    private sealed record EngineOverride(string Key, string Title, JsonNode Engine, JsonNode Tuned, string Reason, bool JanDefines)
    {
        public string Note(string path) =>
            $"{Key}: Jan's engine-wide {Key} {Engine.ToJsonString()} ({path}) runs for this model instead of the tuned {Tuned.ToJsonString()}, because preset.ts {Reason}; "
            + (JanDefines ? $"set {Title} to {Tuned.ToJsonString()} under Settings > llama.cpp (it applies to every model), or export with --engine-settings" : $"remove {Key} from that file");
    }

    /// <summary>
    /// The engine-wide values that override a tuned one, by preset.ts's rules (janhq/jan
    /// extensions/llamacpp-extension/src/preset.ts): per model it emits batch, ubatch, cache types, flash attention and
    /// n_cpu_moe only when they differ from llama.cpp's defaults (2048, 512, f16, auto, 0), and cont-batching only as
    /// false; its <c>[*]</c> section emits the engine-wide value under the same conditions.
    /// </summary>
    private static IEnumerable<EngineOverride> EngineOverrides(TrialConfig c, IReadOnlyDictionary<string, JsonNode?> engine)
    {
        const string AtDefault = "leaves a per-model value equal to llama.cpp's default out of the model's section";
        int? Number(string key) => engine.GetValueOrDefault(key) is { } n && n.GetValueKind() == JsonValueKind.Number && n.AsValue().TryGetValue<int>(out var v) ? v : null;
        string? Text(string key) => engine.GetValueOrDefault(key) is { } n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;

        if (c.BatchSize == 2048 && Number("batch_size") is > 0 and not 2048 and var batch)
        {
            yield return new("batch_size", "Batch Size", batch, c.BatchSize, AtDefault, JanDefines: true);
        }

        if (c.UBatchSize == 512 && Number("ubatch_size") is > 0 and not 512 and var ubatch)
        {
            yield return new("ubatch_size", "uBatch Size", ubatch, c.UBatchSize, AtDefault, JanDefines: true);
        }

        if (c.CacheType == Gguf.GgmlType.F16 && Text("cache_type_k") is { Length: > 0 } k && k != "f16")
        {
            yield return new("cache_type_k", "KV Cache K Type", k, "f16", AtDefault, JanDefines: true);
        }

        if (c.EffectiveCacheTypeV == Gguf.GgmlType.F16 && Text("cache_type_v") is { Length: > 0 } v && v != "f16")
        {
            yield return new("cache_type_v", "KV Cache V Type", v, "f16", AtDefault, JanDefines: true);
        }

        if (c.FlashAttention == FlashAttention.Auto && Text("flash_attn") is "on" or "off")
        {
            yield return new("flash_attn", "Flash Attention", Text("flash_attn")!, "auto", "passes flash_attn only as on or off (auto is the key left out)", JanDefines: true);
        }

        if (c.CpuMoeLayers == 0 && !c.CpuMoe && Number("n_cpu_moe") is > 0 and var ncmoe)
        {
            yield return new("n_cpu_moe", "n_cpu_moe", ncmoe, 0, AtDefault, JanDefines: false);
        }

        if (engine.GetValueOrDefault("cont_batching") is { } cb && cb.GetValueKind() == JsonValueKind.False)
        {
            yield return new("cont_batching", "Continuous Batching", false, true, "emits cont-batching only as false, so the model's cont_batching: true cannot turn it back on", JanDefines: true);
        }
    }

    /// <summary>settings.json's values by key (the last entry of a key wins, as in Jan's settings store).</summary>
    private static Dictionary<string, JsonNode?> SettingValues(JsonArray settings) =>
        settings.OfType<JsonObject>()
            .Where(e => e["key"]?.GetValueKind() == JsonValueKind.String)
            .GroupBy(e => e["key"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()["controllerProps"]?["value"], StringComparer.Ordinal);
}
