using System.Globalization;
using JanTune.Core.Telemetry;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Energy per timed token, charged to the devices that did the work. A CPU trial is charged its CPU package (RAPL)
/// and never an idle GPU; a trial that leaves layers (or the output matrix) on the CPU is charged GPU and CPU, and
/// has no total when either part is unreadable; a full offload is charged its GPUs, plus the CPU when RAPL is readable.
/// </summary>
/// <param name="JoulesPerToken">The total over the parts the trial needs, or null when one of them is missing.</param>
/// <param name="GpuJoulesPerToken">The GPU part (every NVML GPU), when it counts for this trial and was readable.</param>
/// <param name="CpuJoulesPerToken">The CPU package part (RAPL), when readable.</param>
/// <param name="Scope">What the total covers, for example <c>GPU (NVML) + CPU (RAPL)</c>.</param>
/// <param name="UnavailableReason">Which part is missing and why, when <paramref name="JoulesPerToken"/> is null or leaves something out.</param>
/// <param name="PowerWatts">Mean power of the counted parts over the timed regions.</param>
public sealed record TrialEnergy(
    double? JoulesPerToken,
    double? GpuJoulesPerToken,
    double? CpuJoulesPerToken,
    string? Scope,
    string? UnavailableReason,
    double? PowerWatts)
{
    /// <summary>Charges <paramref name="energy"/> over <paramref name="timedTokens"/> to the devices <paramref name="config"/> ran on.</summary>
    public static TrialEnergy Attribute(TrialConfig config, int? layers, EnergyReading energy, long timedTokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentOutOfRangeException.ThrowIfLessThan(timedTokens, 1);
        var cpu = energy.CpuJoules;
        if (string.Equals(config.Backend, "cpu", StringComparison.OrdinalIgnoreCase))
        {
            return cpu.Value is { } j
                ? Total(j, null, j, "CPU (RAPL)", null, energy, timedTokens)
                : new TrialEnergy(null, null, null, null, $"CPU trial: {cpu.UnavailableReason} (GPU counters are not charged to a CPU trial)", null);
        }

        var gpu = energy.GpuJoules;
        // NGL layers + 1 puts every repeating layer and the output matrix on the GPU; anything less runs layers on the CPU.
        var fullOffload = layers is { } n && config.GpuLayers > n;
        if (gpu.Value is not { } g)
        {
            return new TrialEnergy(null, null, PerToken(cpu.Value, timedTokens), null, $"GPU part missing: {gpu.UnavailableReason}", null);
        }

        if (cpu.Value is { } c)
        {
            return Total(g + c, g, c, "GPU (NVML) + CPU (RAPL)", null, energy, timedTokens);
        }

        return fullOffload
            ? Total(g, g, null, "GPU (NVML)", $"CPU host thread not counted: {cpu.UnavailableReason}", energy, timedTokens)
            : new TrialEnergy(null, PerToken(g, timedTokens), null, null,
                string.Create(CultureInfo.InvariantCulture, $"CPU part missing (NGL {config.GpuLayers} leaves layers on the CPU): {cpu.UnavailableReason}"), null);
    }

    private static TrialEnergy Total(double joules, double? gpu, double? cpu, string scope, string? note, EnergyReading energy, long tokens) =>
        new(joules / tokens, PerToken(gpu, tokens), PerToken(cpu, tokens), scope, note,
            energy.Timed > TimeSpan.Zero ? joules / energy.Timed.TotalSeconds : null);

    private static double? PerToken(double? joules, long tokens) => joules / tokens;
}
