namespace JanTune.Core.Telemetry;

/// <summary>How a <see cref="TelemetrySampler"/> samples.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Time between samples; 100 ms costs well under 1% of a core.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// False: no background loop; samples are taken at start, at each <see cref="TelemetrySampler.Mark"/> and at stop.
    /// A measurement that uses every core wants this: a sampler thread waking beside busy-waiting ggml threads takes a
    /// core from one of them, and all of them wait at the next barrier (on a 16-core H200 host, 16 threads measured
    /// 64 t/s with the loop where llama-bench measures 78).
    /// </summary>
    public bool Background { get; init; } = true;

    /// <summary>The process whose memory is tracked; null means this process.</summary>
    public int? ProcessId { get; init; }
}
