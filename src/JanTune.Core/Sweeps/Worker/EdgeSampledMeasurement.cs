using JanTune.Core.Inference;
using JanTune.Core.Telemetry;

namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// One test measured the way every engine's worker measures it: telemetry and energy are read at the edges of each
/// timed region, never from a thread of their own. Any thread that wakes during a timed region takes a core from
/// ggml's busy-waiting workers, and all of them then wait at the next barrier (see <see cref="TelemetryOptions.Background"/>).
/// </summary>
public static class EdgeSampledMeasurement
{
    /// <summary>Measures <paramref name="test"/> and returns the result filled with its measurements, statistics, memory and energy, and the telemetry of the window.</summary>
    public static (TrialResult Result, TelemetrySummary Telemetry) Run(TrialResult result, IDecodeContext context, TrialTest test, WorkerRequest request, RandomTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var sampler = TelemetrySampler.Start(new TelemetryOptions { Background = false, ProcessId = Environment.ProcessId });
        using var meter = EnergyMeter.Open();
        var measured = TrialMeasurer.Measure(context, test, request.Repetitions, request.Warmup, tokens, cancellationToken, new EdgeListener(meter, sampler));
        var telemetry = sampler.StopAsync().GetAwaiter().GetResult();
        var energy = TrialEnergy.Attribute(result.Config, result.Model?.Layers, meter.Read(), measured.TimedTokens);
        return (result with
        {
            Status = TrialStatus.Ok,
            Measurements = measured.Measurements,
            Samples = measured.Samples,
            Stats = SampleStatisticsCalculator.From(measured.Samples),
            LlamaPerfTokensPerSecond = measured.LlamaPerfTokensPerSecond,
            TimeToFirstTokenMs = measured.TimeToFirstTokenMs,
            PeakRssBytes = telemetry.PeakRssBytes.Value,
            PowerWatts = energy.PowerWatts,
            JoulesPerToken = energy.JoulesPerToken,
            GpuJoulesPerToken = energy.GpuJoulesPerToken,
            CpuJoulesPerToken = energy.CpuJoulesPerToken,
            EnergyScope = energy.Scope,
            EnergyUnavailableReason = energy.UnavailableReason,
        }, telemetry);
    }

    private sealed class EdgeListener(EnergyMeter meter, TelemetrySampler sampler) : ITimedRegionListener
    {
        public void Begin()
        {
            sampler.Mark();
            meter.Begin();
        }

        public void End(int tokens)
        {
            meter.End();
            sampler.Mark();
        }
    }
}
