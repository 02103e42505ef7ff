namespace JanTune.Core.Sweeps;

/// <summary>One timed repetition of a test, tagged warmup or actual like BenchmarkDotNet's measurements.</summary>
/// <param name="Kind">Warmup repetitions are recorded but never enter the statistics.</param>
/// <param name="Index">1-based repetition number within its kind.</param>
/// <param name="Tokens">Tokens decoded in the timed region.</param>
/// <param name="Nanoseconds">Wall time of the timed region, decode calls plus synchronize.</param>
public sealed record Measurement(MeasurementKind Kind, int Index, int Tokens, long Nanoseconds)
{
    public double TokensPerSecond => Nanoseconds > 0 ? Tokens * 1e9 / Nanoseconds : 0;
}

/// <summary>Whether a measurement warms caches (and GPU pipelines) or counts.</summary>
public enum MeasurementKind
{
    Warmup,
    Actual,
}
