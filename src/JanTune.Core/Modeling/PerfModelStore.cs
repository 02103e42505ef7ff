using System.Text.Json;
using System.Text.Json.Serialization;
using JanTune.Core.Export;
using JanTune.Core.Modeling.Learned;

namespace JanTune.Core.Modeling;

/// <summary>
/// Reads and writes <c>profiles/&lt;id&gt;/perf-model.json</c>. JSON numbers are culture-invariant by construction;
/// NaN (an unknown CV error) is written as the string "NaN". A target predicted by an ML.NET family has its model
/// beside the JSON, as ML.NET's own zip (<see cref="LearnedFileName"/>).
/// </summary>
public sealed class PerfModelStore(JanTunePaths paths, TimeProvider? time = null)
{
    public const string FileName = "perf-model.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public string PathOf(string profileId) => Path.Combine(paths.ProfilesDir, profileId, FileName);

    /// <summary>The zip of the ML.NET model of a backend's target, e.g. perf-model.cpu.GenerationTokensPerSecond.zip.</summary>
    public static string LearnedFileName(string backend, PerfTarget target) => $"perf-model.{backend.ToLowerInvariant()}.{target}.zip";

    /// <summary>Writes the model atomically (temp + rename); it is refitted from the trials at will, so no backup is kept.</summary>
    public string Save(PerfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var path = PathOf(model.ProfileId);
        var writer = new AtomicFileWriter(time ?? TimeProvider.System);
        // The zips first: a perf-model.json on disk never names a model that is not there yet.
        foreach (var target in model.Targets.Where(t => t.Learned is not null))
        {
            writer.Write(Path.Combine(Path.GetDirectoryName(path)!, target.LearnedModelFile!), target.Learned!.ToZip(), backup: false);
        }

        writer.Write(path, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model, Json)), backup: false);
        return path;
    }

    /// <summary>The stored model of a profile with its ML.NET models, or null when none was fitted yet.</summary>
    public PerfModel? Load(string profileId)
    {
        var path = PathOf(profileId);
        if (!File.Exists(path))
        {
            return null;
        }

        var model = JsonSerializer.Deserialize<PerfModel>(File.ReadAllText(path), Json)
            ?? throw new JanTuneException($"{path} holds no performance model", "refit it with `jantune recommend`");
        var targets = model.Targets.Select(t => t.Predictor == ModelFamily.Physical ? t : t with { Learned = LoadLearned(path, t) }).ToList();
        return model with { Targets = targets };
    }

    private static LearnedPredictor LoadLearned(string modelPath, TargetModel target)
    {
        var zip = Path.Combine(Path.GetDirectoryName(modelPath)!, target.LearnedModelFile ?? LearnedFileName(target.Backend, target.Target));
        if (!File.Exists(zip))
        {
            throw new JanTuneException(
                $"{modelPath} says {target.Backend} {target.Target} is predicted by ML.NET {target.Predictor}, but its model {zip} is missing",
                "refit the profile's model with `jantune recommend` (it rewrites both files)");
        }

        try
        {
            using var stream = File.OpenRead(zip);
            return LearnedPredictor.FromZip(stream, target.Target, target.Predictor);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new JanTuneException($"{zip} is not a readable ML.NET model ({e.Message})", "refit the profile's model with `jantune recommend`");
        }
    }
}
