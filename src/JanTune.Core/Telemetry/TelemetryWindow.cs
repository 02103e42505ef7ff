namespace JanTune.Core.Telemetry;

/// <summary>What the summary needs besides the samples: which sources were missing and why, and counter ranges.</summary>
internal sealed record TelemetryWindow(
    IReadOnlyList<string> GpuNames,
    string? GpuReason,
    string? RaplReason,
    ulong? RaplMaxRangeMicroJoules,
    string? RssReason,
    string? CpuReason,
    long? PeakRssHwmBytes,
    IReadOnlyList<TelemetrySource> Sources);
