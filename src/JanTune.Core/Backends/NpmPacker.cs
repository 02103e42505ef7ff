using System.Diagnostics;

namespace JanTune.Core.Backends;

/// <summary>Runs `npm pack NAME@VERSION`: npm resolves the registry, proxy and cache exactly as the user configured them.</summary>
internal static class NpmPacker
{
    public static string Pack(BackendPackage package, string cacheDir, Action<string>? log)
    {
        Directory.CreateDirectory(cacheDir);
        var expected = Path.Combine(cacheDir, TarballName(package));
        if (File.Exists(expected))
        {
            return expected;
        }

        log?.Invoke($"fetching {package.Spec} with npm...");
        var psi = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cacheDir,
        };
        foreach (var arg in new[] { "pack", package.Spec, "--silent", "--pack-destination", cacheDir })
        {
            psi.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new JanTuneException("npm could not be started");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new JanTuneException(
                $"npm was not found on PATH, so {package.Spec} cannot be fetched",
                "install Node.js and npm (Debian: apt-get install npm), then run `jantune backends install " + package.Backend + "`",
                ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(expected))
            {
                throw new JanTuneException(
                    $"`npm pack {package.Spec}` failed (exit {process.ExitCode}): {stderr.Result.Trim()} {stdout.Trim()}".Trim(),
                    "check that the npm registry is reachable (npm config get registry), then retry");
            }
        }

        return expected;
    }

    /// <summary>npm's tarball name: scope and slashes flattened, e.g. node-llama-cpp-linux-x64-3.22.1.tgz.</summary>
    private static string TarballName(BackendPackage package) =>
        $"{package.NpmName.TrimStart('@').Replace('/', '-')}-{package.Version}.tgz";
}
