namespace JanTune.Core.Sweeps;

/// <summary>What <see cref="TrialMeasurer"/> timed for one trial.</summary>
/// <param name="Measurements">Every repetition, warmup first, each tagged.</param>
/// <param name="LlamaPerfTokensPerSecond">llama.cpp's perf counters over the actual repetitions' timed regions.</param>
/// <param name="TimeToFirstTokenMs">Prompt tests: mean of prefill plus picking the first token; null for generation tests.</param>
/// <param name="TokensDecoded">Every token decoded, warmup and depth fill included (the denominator of energy per token).</param>
public sealed record TrialMeasurement(
    IReadOnlyList<Measurement> Measurements,
    double? LlamaPerfTokensPerSecond,
    double? TimeToFirstTokenMs,
    long TokensDecoded)
{
    /// <summary>Tokens per second of the actual repetitions.</summary>
    public IReadOnlyList<double> Samples => Measurements.Where(m => m.Kind == MeasurementKind.Actual).Select(m => m.TokensPerSecond).ToList();
}
