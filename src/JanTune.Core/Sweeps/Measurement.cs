namespace JanTune.Core.Sweeps;

/// <summary>One timed repetition of a test, tagged warmup or actual like BenchmarkDotNet's measurements.</summary>
/// <param name="Kind">Warmup repetitions are recorded but never enter the statistics.</param>
/// <param name="Index">1-based repetition number within its kind.</param>
/// <param name="Tokens">Tokens decoded in the timed region.</param>
/// <param name="Nanoseconds">Wall time of the timed region, decode calls plus synchronize.</param>
public sealed record Measurement(MeasurementKind Kind, int Index, int Tokens, long Nanoseconds)
{
    public double TokensPerSecond => Nanoseconds > 0 ? Tokens * 1e9 / Nanoseconds : 0;

    /// <summary>
    /// Tokens llama.cpp's perf counters say it evaluated in the timed region (n_p_eval for a prompt, n_eval for
    /// single-token generation); equal to <see cref="Tokens"/> when our loop and llama.cpp agree on what was decoded.
    /// </summary>
    public int? LlamaTokens { get; init; }

    /// <summary>llama.cpp's own milliseconds for the same region (t_p_eval_ms or t_eval_ms).</summary>
    public double? LlamaMs { get; init; }

    /// <summary>llama.cpp's rate for this repetition from its own counts and time, as llama-bench's get_ts() computes one sample.</summary>
    public double? LlamaTokensPerSecond => LlamaTokens is { } n && LlamaMs is > 0 ? n * 1000.0 / LlamaMs.Value : null;
}

/// <summary>Whether a measurement warms caches (and GPU pipelines) or counts.</summary>
public enum MeasurementKind
{
    Warmup,
    Actual,
}
