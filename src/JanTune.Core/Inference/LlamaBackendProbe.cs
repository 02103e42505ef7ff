using JanTune.Core.Backends;
using JanTune.Core.Hardware;
using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>
/// Reports the devices of the backend this process is bound to (initializing the CPU backend if none is), using
/// ggml's own enumeration, and the ggml CPU variant it mapped. Other installed backends are listed by name with
/// their build, since one process can bind only one llama.cpp build; sweeps probe those in their worker processes.
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
                snapshots.Add(new BackendSnapshot(package.Backend, LlamaBuildInfo.Describe(folder), null, []));
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

    private static DeviceType Map(GgmlDeviceType type) => type switch
    {
        GgmlDeviceType.Cpu => DeviceType.Cpu,
        GgmlDeviceType.Gpu => DeviceType.Gpu,
        GgmlDeviceType.IntegratedGpu => DeviceType.Igpu,
        _ => DeviceType.Accel,
    };
}
