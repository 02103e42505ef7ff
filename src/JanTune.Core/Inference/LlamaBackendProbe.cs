using JanTune.Core.Backends;
using JanTune.Core.Hardware;
using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>
/// Reports the devices of the backend this process is bound to (initializing the CPU backend if none is), using
/// ggml's own enumeration, and the ggml CPU variant it mapped. One process binds one llama.cpp build, so every other
/// installed backend is enumerated in a child process (`jantune backends probe B --devices-only`).
/// </summary>
public sealed class LlamaBackendProbe(JanTunePaths paths) : IBackendProbe
{
    public IReadOnlyList<BackendSnapshot> Probe()
    {
        if (!LlamaBackend.IsInitialized)
        {
            LlamaRuntime.Initialize(paths);
        }

        var current = LlamaRuntime.Backend ?? "cpu";
        var snapshots = new List<BackendSnapshot> { Current(paths, current) };
        foreach (var package in BackendCatalog.All.Where(p => p.Backend != current))
        {
            var folder = paths.BackendDir(package.Backend);
            if (BackendInstaller.ReadManifest(folder) is not null)
            {
                snapshots.Add(ProbeInChild(package.Backend, out var error)
                    ?? new BackendSnapshot(package.Backend, LlamaBuildInfo.Describe(folder), null, []) { ProbeError = error });
            }
        }

        return snapshots;
    }

    /// <summary>The snapshot of the backend loaded in this process.</summary>
    public static BackendSnapshot Current(JanTunePaths paths, string backend)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var devices = LlamaBackend.Devices()
            .Select(d => new DeviceInfo(d.Registry, d.Name, d.Description, Map(d.Type), d.FreeBytes, d.TotalBytes))
            .ToList();
        return new BackendSnapshot(backend, LlamaBuildInfo.Describe(paths.BackendDir(backend)), GgmlCpuVariant.FromProcessMaps(), devices);
    }

    /// <summary>The snapshot a child process bound to <paramref name="backend"/> reports, or null when it fails.</summary>
    private static BackendSnapshot? ProbeInChild(string backend, out string? error)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(Processes.SelfProcess.StartInfo(["backends", "probe", backend, "--devices-only"]));
            if (process is null)
            {
                error = "the probe process did not start";
                return null;
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                error = "the probe timed out after 60 s";
                return null;
            }

            var line = stdout.Result.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
            var tail = stderr.Result.Trim();
            error = line is null ? $"the probe exited {process.ExitCode} without a device list{(tail.Length > 0 ? ": " + tail[Math.Max(0, tail.Length - 300)..] : string.Empty)}" : null;
            return line is null ? null : System.Text.Json.JsonSerializer.Deserialize<BackendSnapshot>(line, HardwareJson.Options);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or System.Text.Json.JsonException or JanTuneException)
        {
            error = ex.Message;
            return null;
        }
    }

    private static DeviceType Map(GgmlDeviceType type) => type switch
    {
        GgmlDeviceType.Cpu => DeviceType.Cpu,
        GgmlDeviceType.Gpu => DeviceType.Gpu,
        GgmlDeviceType.IntegratedGpu => DeviceType.Igpu,
        _ => DeviceType.Accel,
    };
}
