using System.Text.Json;
using System.Text.Json.Serialization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// What `jantune recommend` stores in profiles/&lt;id&gt;/recommended.json and `jantune serve --profile` applies: the
/// chosen configuration, why (objective, constraints), what it is predicted and was measured to do, and the measured
/// generation rate per thread count, which the server's adaptive thread policy uses to pick the best count that fits
/// the free cores.
/// </summary>
public sealed partial record RecommendedConfig
{
    public const string FileName = "recommended.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string ProfileId { get; init; }

    public required TrialConfig Config { get; init; }

    /// <summary>Parallel slots the recommendation was made for (1 if absent).</summary>
    public int Parallel { get; init; } = 1;

    public TuningObjective Objective { get; init; } = TuningObjective.Generation;

    public RecommendConstraints Constraints { get; init; } = RecommendConstraints.None;

    /// <summary>The model's predictions for <see cref="Config"/>; null in a file written before they were kept.</summary>
    public PredictedFigures? Predicted { get; init; }

    /// <summary>The measured tests of <see cref="Config"/> (empty when the model chose an unmeasured configuration).</summary>
    public IReadOnlyList<MeasuredFigure> Measured { get; init; } = [];

    /// <summary>Measured energy per generated token, when a meter existed.</summary>
    public double? JoulesPerToken { get; init; }

    /// <summary>Generation tokens/s by thread count; may be empty.</summary>
    public IReadOnlyDictionary<int, double> ThreadScaling { get; init; } = new Dictionary<int, double>();

    /// <summary>The tuned configuration against each runtime's defaults measured in the same sweep, per test.</summary>
    public IReadOnlyList<BaselineComparison> Baselines { get; init; } = [];

    /// <summary>The next best configuration, for comparison.</summary>
    public TrialConfig? RunnerUp { get; init; }

    /// <summary>Trials the model was fitted on.</summary>
    public int Trials { get; init; }

    public string? LlamaBuild { get; init; }

    public DateTimeOffset? RecommendedAt { get; init; }

    /// <summary>The record of a recommendation, ready to save.</summary>
    public static RecommendedConfig From(ProfileRecommendation result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.Recommendation.Best;
        var own = result.Trials.Where(t => t.Status == TrialStatus.Ok && t.Config.Key == best.Config.Key).ToList();
        return new RecommendedConfig
        {
            ProfileId = result.ProfileId,
            Config = best.Config,
            Objective = result.Recommendation.Objective,
            Constraints = result.Request.Constraints,
            Predicted = PredictedFigures.Of(best),
            Measured = [.. own.Select(MeasuredFigure.Of).OfType<MeasuredFigure>()],
            JoulesPerToken = best.JoulesPerToken,
            ThreadScaling = Tuner.ThreadScaling(result.Trials, best.Config),
            Baselines = BaselineComparer.Compare(result.Trials, best.Config),
            RunnerUp = result.Recommendation.RunnerUp?.Config,
            Trials = result.Trials.Count,
            LlamaBuild = own.Concat(result.Trials).Select(t => t.LlamaBuild).FirstOrDefault(),
            RecommendedAt = at,
        };
    }

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

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads recommended.json bytes (from the file or a profile archive).</summary>
    public static RecommendedConfig Parse(byte[] json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RecommendedConfig>(json, Json)
                ?? throw new JanTuneException($"{source} is empty");
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"{source} is not a valid recommendation: {ex.Message}", "run jantune recommend again");
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Writes profiles/&lt;id&gt;/recommended.json (through a temporary file, so a crash never leaves half of it); returns the path.</summary>
    public string Save(JanTunePaths paths)
    {
        var path = PathFor(paths, ProfileId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        DiskErrors.Guard(path, "the recommendation", () =>
        {
            try
            {
                File.WriteAllBytes(temp, ToJson());
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }, "the previous recommendation there was left as it was");
        return path;
    }
}
