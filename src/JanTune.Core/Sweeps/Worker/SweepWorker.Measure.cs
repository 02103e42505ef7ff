using JanTune.Core.Telemetry;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private TrialResult Measure(TrialResult result, Inference.LlamaContext context, RandomTokens tokens, TrialTest test, WorkerRequest request)
    {
        var sampler = TelemetrySampler.Start(new TelemetryOptions { Interval = TimeSpan.FromMilliseconds(100), ProcessId = Environment.ProcessId });
        TrialMeasurement measured;
        using (_cancel.Token.Register(context.RequestAbort))
        {
            try
            {
                measured = TrialMeasurer.Measure(context, test, request.Repetitions, request.Warmup, tokens, _cancel.Token);
            }
            finally
            {
                context.ClearAbort();
            }
        }

        var telemetry = sampler.StopAsync().GetAwaiter().GetResult();
        var samples = measured.Samples;
        var energy = telemetry.GpuEnergyJoules.IsAvailable ? telemetry.GpuEnergyJoules : telemetry.CpuEnergyJoules;
        var power = telemetry.GpuMeanPowerWatts.Value
            ?? (telemetry.CpuEnergyJoules.Value is { } cpuJ && telemetry.Duration > TimeSpan.Zero ? cpuJ / telemetry.Duration.TotalSeconds : null);
        var deviceMemory = telemetry.Gpus.Select(g => g.PeakMemoryUsedBytes.Value).Where(v => v.HasValue).Sum(v => v!.Value);
        return result with
        {
            Status = TrialStatus.Ok,
            Measurements = measured.Measurements,
            Samples = samples,
            Stats = SampleStatisticsCalculator.From(samples),
            LlamaPerfTokensPerSecond = measured.LlamaPerfTokensPerSecond,
            TimeToFirstTokenMs = measured.TimeToFirstTokenMs,
            PeakRssBytes = telemetry.PeakRssBytes.Value,
            DeviceMemoryBytes = telemetry.Gpus.Count > 0 ? deviceMemory : null,
            PowerWatts = power,
            JoulesPerToken = energy.Value is { } joules && measured.TokensDecoded > 0 ? joules / measured.TokensDecoded : null,
            EnergyUnavailableReason = energy.IsAvailable ? null
                : string.Join("; ", new[] { telemetry.GpuEnergyJoules.UnavailableReason, telemetry.CpuEnergyJoules.UnavailableReason }.Where(r => r is not null).Distinct()),
        };
    }
}
