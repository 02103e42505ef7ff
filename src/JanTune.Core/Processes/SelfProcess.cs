using System.Diagnostics;

namespace JanTune.Core.Processes;

/// <summary>
/// Starts another `jantune` process (a sweep worker, a backend probe) the same way this one was started:
/// the apphost or single-file executable directly, or `dotnet jantune.dll` when running from a build or a test host.
/// </summary>
public static class SelfProcess
{
    /// <summary>A start description for `jantune &lt;args&gt;` with redirected standard streams.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (file, prefix) = Resolve();
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static (string File, string[] Prefix) Resolve()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "jantune.dll");
        var current = Environment.ProcessPath ?? "dotnet";
        var isDotnetHost = Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (File.Exists(dll))
        {
            var host = isDotnetHost ? current : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            return (host, [dll]);
        }

        if (!isDotnetHost && Path.GetFileNameWithoutExtension(current).Equals("jantune", StringComparison.OrdinalIgnoreCase))
        {
            return (current, []); // single-file publish: the executable is the whole app
        }

        throw new JanTuneException(
            "cannot find the jantune executable to start a worker process",
            "run jantune from its build or publish folder (jantune.dll or the jantune executable must be beside JanTune.Core.dll)");
    }
}
