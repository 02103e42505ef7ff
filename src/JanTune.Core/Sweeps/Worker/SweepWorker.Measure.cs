using JanTune.Core.Telemetry;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private TrialResult Measure(TrialResult result, Inference.LlamaContext context, RandomTokens tokens, TrialTest test, WorkerRequest request)
    {
        // Sampled at the edges of each timed region, like the energy counters, never from a thread of its own: any
        // thread that wakes during a timed region competes with ggml's busy-waiting workers (see TelemetryOptions).
        var sampler = TelemetrySampler.Start(new TelemetryOptions { Background = false, ProcessId = Environment.ProcessId });
        using var meter = EnergyMeter.Open();
        TrialMeasurement measured;
        using (_cancel.Token.Register(context.RequestAbort))
        {
            try
            {
                measured = TrialMeasurer.Measure(context, test, request.Repetitions, request.Warmup, tokens, _cancel.Token, new EdgeListener(meter, sampler));
            }
            finally
            {
                context.ClearAbort();
            }
        }

        var telemetry = sampler.StopAsync().GetAwaiter().GetResult();
        var samples = measured.Samples;
        var energy = TrialEnergy.Attribute(result.Config, result.Model?.Layers, meter.Read(), measured.TimedTokens);
        var cpuTrial = string.Equals(result.Config.Backend, "cpu", StringComparison.OrdinalIgnoreCase);
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
            // NVML's memory in use belongs to every process on the GPU; a CPU trial put nothing there.
            DeviceMemoryBytes = telemetry.Gpus.Count > 0 && !cpuTrial ? deviceMemory : null,
            PowerWatts = energy.PowerWatts,
            JoulesPerToken = energy.JoulesPerToken,
            GpuJoulesPerToken = energy.GpuJoulesPerToken,
            CpuJoulesPerToken = energy.CpuJoulesPerToken,
            EnergyScope = energy.Scope,
            EnergyUnavailableReason = energy.UnavailableReason,
            Devices = JanTune.Native.LlamaBackend.Devices()
                .Where(d => d.Type != JanTune.Native.Interop.GgmlDeviceType.Cpu)
                .Select(d => $"{d.Description} ({d.TotalBytes >> 30} GiB, {d.Name})")
                .ToList(),
        };
    }

    /// <summary>Reads the energy counters and takes a telemetry sample at the edges of each timed region.</summary>
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
