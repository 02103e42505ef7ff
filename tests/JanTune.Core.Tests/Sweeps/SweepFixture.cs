using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Tune;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>A throwaway workspace sharing the repository's installed backends and generated models.</summary>
internal sealed class SweepWorkspace : IDisposable
{
    public SweepWorkspace()
    {
        var repo = JanTunePaths.Discover();
        Root = Directory.CreateTempSubdirectory("jantune-sweep-").FullName;
        Directory.CreateDirectory(repo.ModelsDir);
        new Backends.BackendInstaller(repo).EnsureInstalled("cpu");
        Directory.CreateSymbolicLink(Path.Combine(Root, ".native"), repo.NativeDir);
        Directory.CreateSymbolicLink(Path.Combine(Root, "models"), repo.ModelsDir);
        Paths = new JanTunePaths(Root);
    }

    public string Root { get; }

    public JanTunePaths Paths { get; }

    public const string TinyJson = """
        { "models": [{"preset": "tiny"}], "quantizations": ["q4_0"], "backends": ["cpu"], "threads": [1],
          "repack": [true, false], "ctx": [1024], "tests": ["pp64", "tg16", "tg16@d64"], "repetitions": 2, "warmup": 1 }
        """;

    public SweepPlan Plan(string json = TinyJson)
    {
        var spec = TuneFileParser.Parse(json);
        return SweepPlanner.Plan(spec, SweepPlanner.ResolveModels(spec, Paths), spec.Backends, 2);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
