using JanTune.Core.Backends;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private string? _variant;
    private string? _noGpu;

    protected override string? CpuVariant => _variant;

    protected override void Begin(WorkerRequest request)
    {
        var paths = new JanTunePaths(request.Workspace);
        LlamaRuntime.Initialize(paths, request.Backend);
        _variant = GgmlCpuVariant.FromProcessMaps();
        _noGpu = BackendProbe.MissingGpuReason(paths, request.Backend);
    }

    // Measured here, another engine's trial would be the npm build under that engine's name.
    protected override string? Refusal(TrialConfig config) =>
        config.Engine == SweepEngine.Npm ? null : $"engine {config.Engine.Name()} trial sent to the npm worker: not measured";

    protected override TrialResult Measure(TrialResult result, WorkerTrial trial, WorkerRequest request)
    {
        if (_noGpu is not null)
        {
            throw new JanTuneException(_noGpu, "check it with `jantune backends verify`");
        }

        var (context, tokens) = Prepare(trial.Config, request.Seed, request.AvailableRamBytes);
        return Measure(result, context, tokens, trial.Test, request) with
        {
            DryRunHostBytes = _dryRun?.HostBytes,
            DryRunDeviceBytes = _dryRun?.DeviceBytes,
        };
    }

    protected override void End() => Unload(model: true);
}
