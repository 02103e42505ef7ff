namespace JanTune.Core;

/// <summary>
/// Where JanTune keeps its files. The workspace is the folder that holds tune.json (or the repository
/// root when run from a checkout); JANTUNE_HOME overrides it. Native backends, generated models,
/// results, profiles and reports all live below it, so one workspace is one self-contained tuning job.
/// </summary>
public sealed class JanTunePaths
{
    public JanTunePaths(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Native llama.cpp libraries, one folder per backend (git-ignored).</summary>
    public string NativeDir => Path.Combine(Root, ".native");

    /// <summary>Generated synthetic GGUF models (git-ignored, reproducible from their seed).</summary>
    public string ModelsDir => Path.Combine(Root, "models");

    public string ResultsDir => Path.Combine(Root, "results");

    public string ProfilesDir => Path.Combine(Root, "profiles");

    public string ReportsDir => Path.Combine(Root, "reports");

    public string CacheDir => Path.Combine(Root, ".cache");

    public string TuneFile => Path.Combine(Root, "tune.json");

    public string BackendDir(string backend) => Path.Combine(NativeDir, backend);

    /// <summary>
    /// Resolves the workspace: JANTUNE_HOME, else the nearest folder above the current directory that holds
    /// tune.json or JanTune.sln, else the same search from the executable's folder, else ~/.jantune.
    /// </summary>
    public static JanTunePaths Discover()
    {
        var env = Environment.GetEnvironmentVariable("JANTUNE_HOME");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return new JanTunePaths(env);
        }

        var found = FindUp(Directory.GetCurrentDirectory()) ?? FindUp(AppContext.BaseDirectory);
        if (found is not null)
        {
            return new JanTunePaths(found);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new JanTunePaths(Path.Combine(home, ".jantune"));
    }

    private static string? FindUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tune.json")) || File.Exists(Path.Combine(dir.FullName, "JanTune.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
