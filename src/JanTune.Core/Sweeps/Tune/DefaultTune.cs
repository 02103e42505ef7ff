namespace JanTune.Core.Sweeps.Tune;

/// <summary>
/// The tune.json used when the workspace has none: the repository's tune.json, embedded at build time. Sized so that
/// on a 2-core machine it finishes within about 8 minutes (1B Q4_0, threads 1..cores, repack on/off, pp512 + tg128,
/// 3 repetitions) and its time budget stops it before 10.
/// </summary>
public static class DefaultTune
{
    public const string SourceName = "embedded default tune.json";

    /// <summary>The JSON text.</summary>
    public static string Json
    {
        get
        {
            using var stream = typeof(DefaultTune).Assembly.GetManifestResourceStream("JanTune.DefaultTune.json")
                ?? throw new InvalidOperationException("the default tune.json resource is missing from the build");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The parsed default.</summary>
    public static TuneSpec Spec => TuneFileParser.Parse(Json, SourceName);
}
