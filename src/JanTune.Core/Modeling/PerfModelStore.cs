using System.Text.Json;
using System.Text.Json.Serialization;
using JanTune.Core.Export;

namespace JanTune.Core.Modeling;

/// <summary>
/// Reads and writes <c>profiles/&lt;id&gt;/perf-model.json</c>. JSON numbers are culture-invariant by construction;
/// NaN (an unknown CV error) is written as the string "NaN".
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

    /// <summary>Writes the model atomically (temp + rename); it is refitted from the trials at will, so no backup is kept.</summary>
    public string Save(PerfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var path = PathOf(model.ProfileId);
        new AtomicFileWriter(time ?? TimeProvider.System).Write(path, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model, Json)), backup: false);
        return path;
    }

    /// <summary>The stored model of a profile, or null when none was fitted yet.</summary>
    public PerfModel? Load(string profileId)
    {
        var path = PathOf(profileId);
        return File.Exists(path) ? JsonSerializer.Deserialize<PerfModel>(File.ReadAllText(path), Json) : null;
    }
}
