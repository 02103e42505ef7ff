using System.Diagnostics;
using JanTune.Core.Backends;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Core.Telemetry;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    /// <summary>Runs one request's trials in order; false when cancelled.</summary>
    private bool Serve(WorkerRequest request)
    {
        var paths = new JanTunePaths(request.Workspace);
        var clock = Stopwatch.StartNew();
        try
        {
            LlamaRuntime.Initialize(paths, request.Backend);
            var variant = GgmlCpuVariant.FromProcessMaps();
            var noGpu = BackendProbe.MissingGpuReason(paths, request.Backend);
            foreach (var trial in request.Trials)
            {
                if (_cancel.IsCancellationRequested)
                {
                    Send(new WorkerMessage { Type = "cancelled", TrialId = trial.TrialId });
                    return false;
                }

                if (request.BudgetMs is { } budget && clock.ElapsedMilliseconds > budget)
                {
                    Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = "time budget" });
                    continue;
                }

                if (trial.Config.Engine != SweepEngine.Npm)
                {
                    // Measured here it would be the npm build under another engine's name.
                    Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = $"engine {trial.Config.Engine.Name()} trial sent to the npm worker: not measured" });
                    continue;
                }

                Send(new WorkerMessage { Type = "started", TrialId = trial.TrialId });
                if (_abortOn is { Length: > 0 } && trial.Config.Key.Contains(_abortOn, StringComparison.Ordinal))
                {
                    Environment.FailFast($"{TestAbortVariable} matched {trial.Config.Key}: simulated native abort");
                }

                var started = TimeProvider.System.GetUtcNow();
                var result = new TrialResult
                {
                    TrialId = trial.TrialId,
                    ProfileId = request.ProfileId,
                    LlamaBuild = request.LlamaBuild,
                    CpuVariant = variant,
                    ModelIdentity = trial.ModelIdentity,
                    Config = trial.Config,
                    Test = trial.Test,
                    Status = TrialStatus.Failed,
                    StartedAt = started,
                };
                try
                {
                    if (noGpu is not null)
                    {
                        throw new JanTuneException(noGpu, "check it with `jantune backends verify`");
                    }

                    var (ctx, tok) = Prepare(trial.Config, request.Seed, request.AvailableRamBytes);
                    result = Measure(result, ctx, tok, trial.Test, request) with
                    {
                        DryRunHostBytes = _dryRun?.HostBytes,
                        DryRunDeviceBytes = _dryRun?.DeviceBytes,
                    };
                }
                catch (TrialDoesNotFitException ex)
                {
                    Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = ex.Message });
                    continue;
                }
                catch (OperationCanceledException)
                {
                    Send(new WorkerMessage { Type = "cancelled", TrialId = trial.TrialId });
                    return false;
                }
                catch (JanTuneException ex)
                {
                    result = result with { Error = ex.Message };
                }

                result = result with { Duration = TimeProvider.System.GetUtcNow() - started };
                Send(new WorkerMessage { Type = "result", TrialId = trial.TrialId, Result = result });
            }

            Send(new WorkerMessage { Type = "done" });
            return true;
        }
        finally
        {
            Unload(model: true);
        }
    }
}
