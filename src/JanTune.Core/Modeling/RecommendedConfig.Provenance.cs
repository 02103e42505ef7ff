using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Where a stored recommendation came from, in words: export and report show the stored choice (the one serve --profile
/// applies), say which it is, and warn when trials were measured after it was made.
/// </summary>
public sealed partial record RecommendedConfig
{
    /// <summary>The objective as `jantune recommend --objective` spells it.</summary>
    public string ObjectiveName => Objective switch
    {
        TuningObjective.Prompt => "prompt",
        TuningObjective.Balanced => "balanced",
        TuningObjective.Energy => "energy",
        _ => "gen",
    };

    /// <summary>The model file the recommendation is for.</summary>
    public string ModelFile => Path.GetFileName(Config.ModelPath);

    /// <summary>The constraints as recommend's flags ("--min-ctx 8192", "--max-ram 8192MiB"), in recommend's order.</summary>
    public IReadOnlyList<string> ConstraintFlags()
    {
        var flags = new List<string>();
        var c = Constraints;
        if (c.MinContext > 0)
        {
            flags.Add("--min-ctx " + c.MinContext.ToString(CultureInfo.InvariantCulture));
        }

        if (c.MaxRamBytes is { } ram)
        {
            flags.Add("--max-ram " + Size(ram));
        }

        if (c.MaxVramBytes is { } vram)
        {
            flags.Add("--max-vram " + Size(vram));
        }

        if (c.Headroom.Fraction > 0)
        {
            flags.Add("--headroom " + (c.Headroom.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%");
        }
        else if (c.Headroom.Bytes > 0)
        {
            flags.Add("--headroom " + Size(c.Headroom.Bytes));
        }

        return flags;
    }

    /// <summary>The command that makes this recommendation again (with the trials the store holds now).</summary>
    public string RecommendCommand() =>
        string.Join(' ', new[] { "jantune recommend --profile", ProfileId, "--model", ModelFile, "--objective", ObjectiveName }.Concat(ConstraintFlags()));

    /// <summary>"recommendation from profiles/box/recommended.json, objective prompt, min-ctx 8192, saved 2026-12-03 14:02 UTC".</summary>
    public string SourceText(JanTunePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var file = Path.GetRelativePath(paths.Root, PathFor(paths, ProfileId)).Replace('\\', '/');
        var parts = new List<string> { $"recommendation from {file}", "objective " + ObjectiveName };
        parts.AddRange(ConstraintFlags().Select(f => f[2..]));
        parts.Add(RecommendedAt is { } at ? "saved " + Time(at) : "saved at an unknown time (the file predates the timestamp)");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Trials of this profile and model measured after the recommendation was made: it did not see them, so a better
    /// configuration may be among them. Empty when the file has no timestamp (nothing to compare with).
    /// </summary>
    public IReadOnlyList<TrialResult> MeasuredAfter(IEnumerable<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return RecommendedAt is not { } at
            ? []
            : [.. trials.Where(t => t.StartedAt > at && t.Config.Engine == SweepEngine.Npm
                && string.Equals(t.ProfileId, ProfileId, StringComparison.Ordinal)
                && string.Equals(t.Model?.FileName ?? Path.GetFileName(t.Config.ModelPath), ModelFile, StringComparison.Ordinal))];
    }

    /// <summary>The warning to show when trials were measured after the recommendation; null when none were.</summary>
    public string? StaleWarning(IEnumerable<TrialResult> trials)
    {
        var newer = MeasuredAfter(trials);
        return newer.Count == 0 ? null
            : $"the recommendation may be stale: {newer.Count} trial(s) of {ModelFile} were measured after it was made (the newest at {Time(newer.Max(t => t.StartedAt))}); "
                + $"run `{RecommendCommand()}` to include them";
    }

    /// <summary>
    /// The profile to use when none is named: the only one with a stored recommendation. Errors say which to pick, or to
    /// run recommend first.
    /// </summary>
    public static string OnlyProfile(JanTunePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ids = Directory.Exists(paths.ProfilesDir)
            ? Directory.EnumerateDirectories(paths.ProfilesDir).Where(d => File.Exists(Path.Combine(d, FileName))).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList()
            : [];
        return ids.Count switch
        {
            1 => ids[0],
            0 => throw new JanTuneException("no recommendation is stored in this workspace", "run `jantune sweep` and then `jantune recommend` (with the objective and constraints you want) first"),
            _ => throw new JanTuneException($"{ids.Count} profiles have a stored recommendation: {string.Join(", ", ids)}", "pick one with --profile"),
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes % (1L << 20) == 0
        ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "MiB"
        : bytes.ToString(CultureInfo.InvariantCulture);
}
