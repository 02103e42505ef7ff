using JanTune.Core.Hardware;
using JanTune.Core.Telemetry;

namespace JanTune.Cli.Commands;

/// <summary>What <c>jantune hw</c> shows, and the shape of <c>jantune hw --json</c>.</summary>
internal sealed record HwReport(
    HardwareInfo Hardware,
    string ProfileId,
    string? BuildChanged,
    IReadOnlyList<TelemetrySource> Telemetry);
