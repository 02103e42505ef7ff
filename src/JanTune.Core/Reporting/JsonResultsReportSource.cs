using System.Text.Json;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>
/// Reads a JSON array of <see cref="TrialResult"/> (camelCase or PascalCase, enums as names or numbers). The
/// hardware summary is what the results themselves record (profile, llama.cpp build, backends); the rest is
/// left unknown rather than guessed from the machine that renders the report.
/// </summary>
public sealed class JsonResultsReportSource(string path) : IReportSource
{
    /// <summary>The JSON shape of results files (the same as <see cref="JsonTrialSource.Options"/>).</summary>
    public static JsonSerializerOptions Options => JsonTrialSource.Options;

    public ReportInput Load(string? profileId)
    {
        if (!File.Exists(path))
        {
            throw new JanTuneException($"results file '{path}' does not exist", "run `jantune sweep` first, or pass --results with a JSON array of trial results");
        }

        var all = new JsonTrialSource(path).Load(null);
        if (all.Count == 0)
        {
            throw new JanTuneException($"results file '{path}' holds no trials", "run `jantune sweep` first");
        }

        var profiles = all.Select(r => r.ProfileId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var profile = profileId ?? (profiles.Count == 1
            ? profiles[0]
            : throw new JanTuneException($"results hold {profiles.Count} profiles ({string.Join(", ", profiles)})", "pick one with --profile"));
        var results = all.Where(r => r.ProfileId == profile).ToList();
        if (results.Count == 0)
        {
            throw new JanTuneException($"no results for profile '{profile}' (known: {string.Join(", ", profiles)})", "run `jantune sweep` for this profile first, or pick a known one with --profile");
        }

        var (gpus, gpuNote) = HardwareSummary.GpusSeen([], [], results);
        var hardware = new HardwareSummary(profile)
        {
            Gpus = gpus,
            GpuNote = gpuNote,
            LlamaBuild = string.Join(", ", results.Select(r => r.LlamaBuild).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            Backends = results.Select(r => r.Config.Backend).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
        return new ReportInput(hardware, results);
    }
}
