namespace JanTune.Core.Reporting;

/// <summary>What the report says about the machine; a flat copy of the hardware profile, null where unknown.</summary>
public sealed record HardwareSummary(string ProfileId)
{
    public string? Cpu { get; init; }

    public int? Cores { get; init; }

    public long? RamBytes { get; init; }

    public string? Os { get; init; }

    /// <summary>One line per GPU, e.g. "NVIDIA H200 (139 GiB)".</summary>
    public IReadOnlyList<string> Gpus { get; init; } = [];

    /// <summary>Why no GPU is listed although trials ran on a GPU backend (a failed device probe, nothing recorded).</summary>
    public string? GpuNote { get; init; }

    public string? LlamaBuild { get; init; }

    /// <summary>
    /// The GPUs the backends saw: the profile's device probes and the devices the trials' workers recorded; when
    /// there are none but trials ran on a GPU backend, a note that says so instead of "none detected".
    /// </summary>
    public static (IReadOnlyList<string> Gpus, string? Note) GpusSeen(IEnumerable<string> probed, IEnumerable<string> probeErrors, IReadOnlyList<JanTune.Core.Sweeps.TrialResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var gpus = probed.Concat(results.SelectMany(r => r.Devices)).Distinct(StringComparer.Ordinal).ToList();
        var gpuBackends = results.Select(r => r.Config.Backend).Where(b => !string.Equals(b, "cpu", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (gpus.Count > 0 || gpuBackends.Count == 0)
        {
            return (gpus, null);
        }

        var errors = probeErrors.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
        return (gpus, $"not recorded: trials ran on {string.Join(", ", gpuBackends)}, but neither the profile's device probe nor these trials recorded a device"
            + (errors.Count > 0 ? $" (probe: {string.Join("; ", errors)})" : string.Empty));
    }

    /// <summary>Backends measured or installed: cpu, vulkan, cuda.</summary>
    public IReadOnlyList<string> Backends { get; init; } = [];
}
