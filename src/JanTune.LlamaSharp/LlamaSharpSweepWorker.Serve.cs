using System.Diagnostics;
using JanTune.Core;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;
using JanTune.Core.Telemetry;
using LLama.Exceptions;

namespace JanTune.LlamaSharp;

internal sealed partial class LlamaSharpSweepWorker
{
    /// <summary>Runs one request's trials in order; false when cancelled.</summary>
    private bool Serve(WorkerRequest request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
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

                // Another engine's trial, a GPU backend or a setting LLamaSharp cannot express: refused, never measured as something else.
                var refusal = trial.Config.Engine != SweepEngine.LlamaSharp
                    ? $"engine {trial.Config.Engine.Name()} trial sent to the llamasharp worker: not measured"
                    : SweepEngines.Refusal(trial.Config);
                if (refusal is not null)
                {
                    Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = refusal });
                    continue;
                }

                Send(new WorkerMessage { Type = "started", TrialId = trial.TrialId });
                if (_abortOn is { Length: > 0 } && trial.Config.Key.Contains(_abortOn, StringComparison.Ordinal))
                {
                    Environment.FailFast($"{SweepWorker.TestAbortVariable} matched {trial.Config.Key}: simulated native abort");
                }

                var started = TimeProvider.System.GetUtcNow();
                var result = new TrialResult
                {
                    TrialId = trial.TrialId,
                    ProfileId = request.ProfileId,
                    LlamaBuild = request.LlamaBuild,
                    CpuVariant = LoadedVariant(),
                    ModelIdentity = trial.ModelIdentity,
                    Config = trial.Config,
                    Test = trial.Test,
                    Status = TrialStatus.Failed,
                    StartedAt = started,
                };
                try
                {
                    var (context, tokens) = Prepare(trial.Config, request.Seed);
                    result = Measure(result with { CpuVariant = LoadedVariant() }, context, tokens, trial.Test, request);
                }
                catch (OperationCanceledException)
                {
                    Send(new WorkerMessage { Type = "cancelled", TrialId = trial.TrialId });
                    return false;
                }
                catch (Exception ex) when (ex is JanTuneException or RuntimeError or LoadWeightsFailedException)
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

    private TrialResult Measure(TrialResult result, LlamaSharpDecodeContext context, RandomTokens tokens, TrialTest test, WorkerRequest request) =>
        EdgeSampledMeasurement.Run(result, context, test, request, tokens, _cancel.Token).Result;

    /// <summary>
    /// Which of LLamaSharp.Backend.Cpu's builds its loader picked (runtimes/linux-x64/native/&lt;avx level&gt;/libllama.so),
    /// read from the process's mappings; null before the first load.
    /// </summary>
    private static string? LoadedVariant()
    {
        try
        {
            var line = File.ReadLines("/proc/self/maps").FirstOrDefault(l => l.EndsWith("/libllama.so", StringComparison.Ordinal));
            var path = line?[line.IndexOf('/', StringComparison.Ordinal)..];
            return path is null ? null : "llamasharp " + Path.GetFileName(Path.GetDirectoryName(path));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
