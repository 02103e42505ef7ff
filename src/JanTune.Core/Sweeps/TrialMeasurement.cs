namespace JanTune.Core.Sweeps;

/// <summary>What <see cref="TrialMeasurer"/> timed for one trial.</summary>
/// <param name="Measurements">Every repetition, warmup first, each tagged.</param>
/// <param name="LlamaPerfTokensPerSecond">
/// llama.cpp's perf counters over the actual repetitions, computed like llama-bench's avg_ts: the mean of the
/// per-repetition rates, each from llama.cpp's own token count and time.
/// </param>
/// <param name="TimeToFirstTokenMs">Prompt tests: mean of prefill plus picking the first token; null for generation tests.</param>
/// <param name="TimedTokens">Tokens decoded inside the timed regions of the actual repetitions (the denominator of energy per token).</param>
public sealed record TrialMeasurement(
    IReadOnlyList<Measurement> Measurements,
    double? LlamaPerfTokensPerSecond,
    double? TimeToFirstTokenMs,
    long TimedTokens)
{
    /// <summary>Tokens per second of the actual repetitions.</summary>
    public IReadOnlyList<double> Samples => Measurements.Where(m => m.Kind == MeasurementKind.Actual).Select(m => m.TokensPerSecond).ToList();

    /// <summary>llama-bench's avg_ts over llama.cpp's per-repetition rates, or null when a repetition has no perf data.</summary>
    public static double? LlamaAverage(IEnumerable<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var rates = measurements.Where(m => m.Kind == MeasurementKind.Actual).Select(m => m.LlamaTokensPerSecond).ToList();
        return rates.Count == 0 || rates.Any(r => r is null) ? null : rates.Average(r => r!.Value);
    }
}
