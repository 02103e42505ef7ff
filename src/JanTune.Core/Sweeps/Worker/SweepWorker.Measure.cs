namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private TrialResult Measure(TrialResult result, Inference.LlamaContext context, RandomTokens tokens, TrialTest test, WorkerRequest request)
    {
        TrialResult measured;
        Telemetry.TelemetrySummary telemetry;
        using (Cancellation.Register(context.RequestAbort))
        {
            try
            {
                (measured, telemetry) = EdgeSampledMeasurement.Run(result, context, test, request, tokens, Cancellation);
            }
            finally
            {
                context.ClearAbort();
            }
        }

        var cpuTrial = string.Equals(result.Config.Backend, "cpu", StringComparison.OrdinalIgnoreCase);
        var deviceMemory = telemetry.Gpus.Select(g => g.PeakMemoryUsedBytes.Value).Where(v => v.HasValue).Sum(v => v!.Value);
        return measured with
        {
            // NVML's memory in use belongs to every process on the GPU; a CPU trial put nothing there.
            DeviceMemoryBytes = telemetry.Gpus.Count > 0 && !cpuTrial ? deviceMemory : null,
            Devices = JanTune.Native.LlamaBackend.Devices()
                .Where(d => d.Type != JanTune.Native.Interop.GgmlDeviceType.Cpu)
                .Select(d => $"{d.Description} ({d.TotalBytes >> 30} GiB, {d.Name})")
                .ToList(),
        };
    }
}
