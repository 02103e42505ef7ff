using System.Text.Json;
using JanTune.Core.Backends;
using JanTune.Core.Models;

namespace JanTune.Core.Sweeps.Tune;

/// <summary>Reads the fields of one tune.json object, adding a <see cref="TuneError"/> per problem and carrying on.</summary>
internal sealed class FieldReader(JsonElement root, List<TuneError> errors)
{
    public IReadOnlyList<ModelSpec> Models()
    {
        if (!root.TryGetProperty("models", out var e))
        {
            return [ModelSpec.Synthetic("1b")];
        }

        var result = new List<ModelSpec>();
        var presets = string.Join(", ", SyntheticPresets.All.Select(p => p.Name));
        var allowed = $"a GGUF path string, {{\"path\": \"file.gguf\"}} or {{\"preset\": \"...\"}} with a preset of: {presets}";
        foreach (var (item, path) in Items(e, "models", allowed))
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                result.Add(ModelSpec.File(item.GetString()!));
            }
            else if (item.ValueKind == JsonValueKind.Object && ReadModelObject(item, path, allowed) is { } spec)
            {
                result.Add(spec);
            }
            else if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new TuneError(path, Show(item), allowed));
            }
        }

        return result;
    }

    public IReadOnlyList<string> Backends()
    {
        if (!root.TryGetProperty("backends", out var e) || (e.ValueKind == JsonValueKind.String && e.GetString() == "auto"))
        {
            return [];
        }

        var names = BackendCatalog.All.Select(p => p.Backend).ToList();
        return List("backends", [], (JsonElement x, out string v) =>
        {
            v = x.ValueKind == JsonValueKind.String ? x.GetString()! : string.Empty;
            return names.Contains(v);
        }, "\"auto\" or a list of: " + string.Join(", ", names));
    }

    /// <summary>A list, a single value, or "auto" is not allowed here (see <see cref="Axis"/>).</summary>
    public IReadOnlyList<T> List<T>(string name, IReadOnlyList<T> fallback, TuneFileParser.ValueReader<T> read, string allowed)
    {
        if (!root.TryGetProperty(name, out var e))
        {
            return fallback;
        }

        var result = new List<T>();
        foreach (var (item, path) in Items(e, name, allowed))
        {
            if (read(item, out var value))
            {
                result.Add(value);
            }
            else
            {
                errors.Add(new TuneError(path, Show(item), allowed));
            }
        }

        return result.Distinct().ToList();
    }

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback, int min, int max) =>
        List(name, fallback, (JsonElement x, out int v) => ReadInt(x, min, max, out v), $"a whole number from {min} to {max}, or a list of them");

    public int Int(string name, int fallback, int min, int max)
    {
        if (!root.TryGetProperty(name, out var e))
        {
            return fallback;
        }

        if (ReadInt(e, min, max, out var value))
        {
            return value;
        }

        errors.Add(new TuneError(name, Show(e), $"a whole number from {min} to {max}"));
        return fallback;
    }

    /// <summary>"auto", a list of numbers, or a range object {"from": a, "to": b, "step": s} (to inclusive).</summary>
    public IntAxis Axis(string name, int min, int max)
    {
        if (!root.TryGetProperty(name, out var e) || (e.ValueKind == JsonValueKind.String && e.GetString() == "auto"))
        {
            return IntAxis.Auto;
        }

        var allowed = $"\"auto\", a list of whole numbers from {min} to {max}, or {{\"from\": {min}, \"to\": N, \"step\": 1}}";
        if (e.ValueKind == JsonValueKind.Object)
        {
            return ReadRange(e, name, min, max, allowed);
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            errors.Add(new TuneError(name, Show(e), allowed));
            return IntAxis.Auto;
        }

        return IntAxis.Of([.. List(name, [], (JsonElement x, out int v) => ReadInt(x, min, max, out v), allowed)]);
    }

    public TimeSpan? Duration(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.String && TuneFileParser.TryParseDuration(e.GetString()!, out var value))
        {
            return value;
        }

        errors.Add(new TuneError(name, Show(e), "a duration such as \"90s\", \"10m\" or \"1h30m\", or null for no limit"));
        return null;
    }

    public SweepStrategy Strategy()
    {
        if (!root.TryGetProperty("strategy", out var e))
        {
            return SweepStrategy.Grid;
        }

        switch (e.ValueKind == JsonValueKind.String ? e.GetString() : null)
        {
            case "grid":
                return SweepStrategy.Grid;
            case "adaptive":
                return SweepStrategy.Adaptive;
            default:
                errors.Add(new TuneError("strategy", Show(e), "\"grid\" (every combination) or \"adaptive\" (model-guided, at most 30% of the grid)"));
                return SweepStrategy.Grid;
        }
    }

    private ModelSpec? ReadModelObject(JsonElement item, string path, string allowed)
    {
        var props = item.EnumerateObject().ToList();
        if (props.Count != 1 || props[0].Name is not ("preset" or "path"))
        {
            errors.Add(new TuneError(path, "an object with fields " + string.Join(", ", props.Select(p => p.Name)), allowed));
            return null;
        }

        var (key, value) = (props[0].Name, props[0].Value);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (key == "path" && !string.IsNullOrWhiteSpace(text))
        {
            return ModelSpec.File(text);
        }

        if (key == "preset" && text is not null && SyntheticPresets.All.Any(p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase)))
        {
            return ModelSpec.Synthetic(text.ToLowerInvariant());
        }

        errors.Add(new TuneError($"{path}.{key}", Show(value), allowed));
        return null;
    }

    private IntAxis ReadRange(JsonElement e, string name, int min, int max, string allowed)
    {
        foreach (var p in e.EnumerateObject().Where(p => p.Name is not ("from" or "to" or "step")))
        {
            errors.Add(new TuneError($"{name}.{p.Name}", "unknown field", "a range has from, to and optional step"));
        }

        int Field(string field, int fallback, int lo)
        {
            if (!e.TryGetProperty(field, out var v))
            {
                if (field != "step")
                {
                    errors.Add(new TuneError($"{name}.{field}", "missing", allowed));
                }

                return fallback;
            }

            if (ReadInt(v, lo, max, out var n))
            {
                return n;
            }

            errors.Add(new TuneError($"{name}.{field}", Show(v), $"a whole number from {lo} to {max}"));
            return fallback;
        }

        var from = Field("from", min, min);
        var to = Field("to", from, min);
        var step = Field("step", 1, 1);
        if (to < from)
        {
            errors.Add(new TuneError($"{name}.to", to.ToString(System.Globalization.CultureInfo.InvariantCulture), $"at least \"from\" ({from})"));
            return IntAxis.Of(from);
        }

        var values = new List<int>();
        for (var v = from; v <= to; v += step)
        {
            values.Add(v);
        }

        return IntAxis.Of([.. values]);
    }

    private IEnumerable<(JsonElement Item, string Path)> Items(JsonElement e, string name, string allowed)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            yield return (e, name); // a single value is a one-item list
            yield break;
        }

        if (e.GetArrayLength() == 0)
        {
            errors.Add(new TuneError(name, "an empty list", allowed + " (at least one)"));
        }

        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            yield return (item, $"{name}[{i++}]");
        }
    }

    private static bool ReadInt(JsonElement e, int min, int max, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value) && value >= min && value <= max;
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "\"" + e.GetString() + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => e.GetRawText(),
    };
}
