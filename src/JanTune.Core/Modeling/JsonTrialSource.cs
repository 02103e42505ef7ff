using System.Text.Json;
using System.Text.Json.Serialization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>Trials from a JSON file holding a TrialResult[] (camelCase, enums as names).</summary>
public sealed class JsonTrialSource(string path) : ITrialSource
{
    /// <summary>The JSON shape of results files, also used by profile export.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public IReadOnlyList<TrialResult> Load(string? profileId)
    {
        if (!File.Exists(path))
        {
            throw new JanTuneException($"results file not found: {path}", "pass --results with a JSON array of trial results, or leave it out to read the sweep's results store");
        }

        TrialResult[]? all;
        try
        {
            all = JsonSerializer.Deserialize<TrialResult[]>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"results file {path} is not a JSON array of trial results: {ex.Message}", "pass a file holding a JSON array of trial results (as `jantune profile export` bundles them)", ex);
        }

        return (all ?? []).Where(r => profileId is null || string.Equals(r.ProfileId, profileId, StringComparison.Ordinal)).ToList();
    }
}
