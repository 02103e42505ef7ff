namespace JanTune.Core.Hardware;

/// <summary>The stored identity of one machine under one llama.cpp build: <c>profiles/&lt;id&gt;/hardware.json</c>.</summary>
/// <param name="Id">See <see cref="HardwareFingerprint.ProfileId"/>.</param>
/// <param name="MachineId">See <see cref="HardwareFingerprint.MachineId"/>: shared by profiles that differ only in build.</param>
/// <param name="LlamaBuild">The llama.cpp build the profile was taken with, or null when no backend was loaded.</param>
/// <param name="DetectedAt">When the profile was first written.</param>
/// <param name="Hardware">The full detection, free memory included (which the id ignores).</param>
public sealed record HardwareProfile(
    string Id,
    string MachineId,
    string? LlamaBuild,
    DateTimeOffset DetectedAt,
    HardwareInfo Hardware)
{
    /// <summary>Builds the profile of <paramref name="hardware"/> as detected at <paramref name="detectedAt"/>.</summary>
    public static HardwareProfile From(HardwareInfo hardware, DateTimeOffset detectedAt)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        return new HardwareProfile(
            HardwareFingerprint.ProfileId(hardware),
            HardwareFingerprint.MachineId(hardware),
            hardware.LlamaBuild,
            detectedAt,
            hardware);
    }
}
