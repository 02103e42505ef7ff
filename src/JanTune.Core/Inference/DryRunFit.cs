using JanTune.Native;

namespace JanTune.Core.Inference;

/// <summary>
/// Whether what a <see cref="DryRunMemory"/> says a configuration needs fits in the memory free now: host bytes against
/// 90% of MemAvailable, each device's bytes against its free memory less a margin. A sweep never starts a configuration
/// that does not fit; it could only end in an out-of-memory kill, swapping, or a failed allocation deep in a backend.
/// </summary>
public static class DryRunFit
{
    /// <summary>Left free on every device: the backend's own context and allocator slack are not in the breakdown.</summary>
    public const long DeviceMarginBytes = 256L << 20;

    /// <summary>Share of MemAvailable a trial may plan to use (the same rule the orchestrator's prediction applies).</summary>
    public const double HostShare = 0.9;

    /// <summary>The reason it does not fit, in words a person can act on; null when it fits.</summary>
    /// <param name="dryRun">llama.cpp's figures for the configuration.</param>
    /// <param name="modelLoaded">The weights are already in memory (only a new context is needed): count only KV cache and compute buffers.</param>
    /// <param name="hostAvailableBytes">MemAvailable now.</param>
    /// <param name="devices">The devices with their free memory now.</param>
    public static string? Check(DryRunMemory dryRun, bool modelLoaded, long hostAvailableBytes, IReadOnlyList<NativeDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        ArgumentNullException.ThrowIfNull(devices);
        long Part(NativeBufferMemory b) => modelLoaded ? b.ContextBytes + b.ComputeBytes : b.TotalBytes;

        var host = dryRun.Buffers.Where(b => b.IsHost).Sum(Part);
        if (host > hostAvailableBytes * HostShare)
        {
            return $"llama.cpp's dry run says it needs {Gib(host)} of RAM{(modelLoaded ? " more" : string.Empty)}, "
                + $"{Gib(hostAvailableBytes)} is available; free memory, or lower the context length or quantization";
        }

        foreach (var (name, need) in dryRun.PerDevice(Part))
        {
            var device = devices.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
            if (device is null || device.FreeBytes <= 0)
            {
                continue; // a device that reports no free memory cannot be judged: let the real load decide
            }

            if (need > device.FreeBytes - DeviceMarginBytes)
            {
                return $"llama.cpp's dry run says it needs {Gib(need)} on {name}{(modelLoaded ? " more" : string.Empty)}, "
                    + $"{Gib(device.FreeBytes)} is free ({Gib(DeviceMarginBytes)} kept as margin); offload fewer layers (ngl) or lower the context length";
            }
        }

        return null;
    }

    private static string Gib(long bytes) => $"{bytes / (double)(1L << 30):F2} GiB";
}
