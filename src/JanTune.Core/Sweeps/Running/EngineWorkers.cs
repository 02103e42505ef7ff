using System.Diagnostics;
using JanTune.Core.Processes;

namespace JanTune.Core.Sweeps.Running;

/// <summary>
/// How to start each engine's worker process, all speaking the same line protocol (<see cref="Worker.WorkerRequest"/>,
/// <see cref="Worker.WorkerMessage"/>): npm trials run in <c>jantune sweep-worker</c>, llamasharp trials in
/// <c>jantune-llamasharp sweep-worker</c>, a separate executable because LLamaSharp loads its own libllama, which must
/// never share a process with JanTune's native layer.
/// </summary>
internal static class EngineWorkers
{
    /// <summary>Overrides where jantune-llamasharp is (its .dll, or an apphost executable).</summary>
    public const string LlamaSharpVariable = "JANTUNE_LLAMASHARP";

    private const string LlamaSharpDll = "jantune-llamasharp.dll";

    public static ProcessStartInfo StartInfo(SweepEngine engine) => engine switch
    {
        SweepEngine.Npm => SelfProcess.StartInfo(["sweep-worker"]),
        SweepEngine.LlamaSharp => LlamaSharpStartInfo(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "no worker for this engine"),
    };

    /// <summary>
    /// jantune-llamasharp from <see cref="LlamaSharpVariable"/>, a <c>llamasharp/</c> folder beside JanTune, or the
    /// source tree's build output (src/JanTune.LlamaSharp/bin/&lt;configuration&gt;/&lt;tfm&gt;), the build the solution makes.
    /// </summary>
    private static ProcessStartInfo LlamaSharpStartInfo()
    {
        var path = FindLlamaSharp() ?? throw new JanTuneException(
            "cannot find jantune-llamasharp, the llamasharp engine's worker",
            $"build it (dotnet build JanTune.sln builds src/JanTune.LlamaSharp) or point {LlamaSharpVariable} at jantune-llamasharp.dll");
        var isDll = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var current = Environment.ProcessPath ?? "dotnet";
        var host = Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(isDll ? host : path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll)
        {
            psi.ArgumentList.Add(path);
        }

        psi.ArgumentList.Add("sweep-worker");
        return psi;
    }

    private static string? FindLlamaSharp()
    {
        if (Environment.GetEnvironmentVariable(LlamaSharpVariable) is { Length: > 0 } set)
        {
            return File.Exists(set) ? Path.GetFullPath(set) : null;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "llamasharp", LlamaSharpDll);
        if (File.Exists(beside))
        {
            return beside;
        }

        // From a build of the solution: <repo>/src|tests/<project>/bin/<configuration>/<tfm>/ → the same configuration and tfm.
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent;
        for (var dir = configuration?.Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "JanTune.LlamaSharp", "bin", configuration!.Name, tfmDir.Name, LlamaSharpDll);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
