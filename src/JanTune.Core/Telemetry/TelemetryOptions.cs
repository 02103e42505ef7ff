namespace JanTune.Core.Telemetry;

/// <summary>How a <see cref="TelemetrySampler"/> samples.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Time between samples; 100 ms costs well under 1% of a core.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The process whose memory is tracked; null means this process.</summary>
    public int? ProcessId { get; init; }
}
