using System.Text.Json;
using System.Text.Json.Serialization;

namespace JanTune.Core.Sweeps;

/// <summary>
/// What `jantune recommend` stores in profiles/&lt;id&gt;/recommended.json and `jantune serve --profile` applies:
/// the chosen configuration, and optionally the measured generation rate per thread count, which the server's
/// adaptive thread policy uses to pick the best count that fits the free cores.
/// </summary>
public sealed record RecommendedConfig
{
    public const string FileName = "recommended.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public required string ProfileId { get; init; }

    public required TrialConfig Config { get; init; }

    /// <summary>Parallel slots the recommendation was made for (1 if absent).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Generation tokens/s by thread count; may be empty.</summary>
    public IReadOnlyDictionary<int, double> ThreadScaling { get; init; } = new Dictionary<int, double>();

    /// <summary>profiles/&lt;id&gt;/recommended.json of the workspace.</summary>
    public static string PathFor(JanTunePaths paths, string profileId)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrWhiteSpace(profileId);
        if (profileId.IndexOfAny(['/', '\\']) >= 0 || profileId.Contains("..", StringComparison.Ordinal))
        {
            throw new JanTuneException($"'{profileId}' is not a profile id");
        }

        return Path.Combine(paths.ProfilesDir, profileId, FileName);
    }

    /// <summary>Loads the recommendation of a profile, with an error that says how to make one when there is none.</summary>
    public static RecommendedConfig Load(JanTunePaths paths, string profileId)
    {
        var path = PathFor(paths, profileId);
        if (!File.Exists(path))
        {
            throw new JanTuneException($"no recommendation stored for profile {profileId}; run jantune sweep and jantune recommend", $"expected {path}");
        }

        try
        {
            return JsonSerializer.Deserialize<RecommendedConfig>(File.ReadAllText(path), Json)
                ?? throw new JanTuneException($"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"{path} is not a valid recommendation: {ex.Message}", "run jantune recommend again");
        }
    }

    public void Save(JanTunePaths paths)
    {
        var path = PathFor(paths, ProfileId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
