using System.Diagnostics;
using JanTune.Core.Gguf;
using JanTune.Core.Hardware;
using JanTune.Core.Modeling;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Sweeps.Running;

/// <summary>
/// Runs a <see cref="SweepPlan"/>: generates missing synthetic models, skips trials already stored (resume), runs the
/// rest in worker processes one engine and backend at a time, and persists every trial the moment it is reported. A worker that
/// dies costs the trial it was running (recorded as failed, with why) and a fresh worker carries on with the rest.
/// </summary>
public sealed partial class SweepRunner(SweepOptions options, ISweepObserver? observer = null)
{
    private readonly ISweepObserver _observer = observer ?? NullObserver.Instance;

    public async Task<SweepSummary> RunAsync(SweepPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        EnsureModels(plan);
        var identities = plan.Trials.Select(t => t.Model.Path).Distinct().ToDictionary(p => p, TrialIdentity.ModelFile);
        var facts = plan.Trials.Select(t => t.Model.Path).Distinct().ToDictionary(p => p, Facts);
        var npmBuilds = plan.Trials.Select(t => t.Config.Backend).Distinct().ToDictionary(b => b, b => LlamaBuildInfo.Describe(options.Paths.BackendDir(b)));
        string Build(TrialConfig c) => c.Engine.Build(npmBuilds[c.Backend]);
        string Id(PlannedTrial t) => TrialIdentity.Trial(options.ProfileId, identities[t.Model.Path], t.IdentityKey, t.Test.Name, Build(t.Config));

        using var store = options.DatabasePath is null ? ResultsStore.Open(options.Paths) : new ResultsStore(options.DatabasePath);
        var done = store.TrialIds(options.ProfileId);
        var pending = plan.Trials.Where(t => !done.Contains(Id(t))).ToList();
        _observer.Planned(pending, plan.Trials.Count - pending.Count);

        var run = new RunState(store, pending.ToDictionary(Id), facts, options.Time, options.ProfileId, t => (Build(t.Config), identities[t.Model.Path]));
        pending = SkipPredictedNotToFit(pending, facts, run, Id);
        var deadline = plan.TimeBudget is { } budget ? options.Time.GetUtcNow() + budget : (DateTimeOffset?)null;
        // One worker lifetime per engine and backend: each binds its own llama.cpp libraries.
        foreach (var backend in pending.GroupBy(t => (t.Config.Engine, t.Config.Backend)))
        {
            var queue = new Queue<WorkerTrial>(backend.Select(t => new WorkerTrial(Id(t), identities[t.Model.Path], t.Config, t.Test)));
            while (queue.Count > 0 && !run.Cancelled)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    run.Cancelled = true;
                    break;
                }

                var left = deadline - options.Time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                var request = new WorkerRequest
                {
                    Type = "run",
                    Workspace = options.Paths.Root,
                    Engine = backend.Key.Engine,
                    Backend = backend.Key.Backend,
                    ProfileId = options.ProfileId,
                    LlamaBuild = Build(backend.First().Config),
                    Repetitions = plan.Repetitions,
                    Warmup = plan.Warmup,
                    Seed = options.Seed,
                    AvailableRamBytes = options.AvailableRamBytes,
                    BudgetMs = left is { } l ? (long)l.TotalMilliseconds : null,
                    Trials = [.. queue],
                };
                await RunWorkerAsync(request, queue, run, cancellationToken);
            }

            foreach (var rest in queue)
            {
                run.Skip(rest.TrialId, run.Cancelled ? "cancelled" : "time budget", _observer);
            }
        }

        return new SweepSummary(run.Results, run.SkippedList, plan.Trials.Count - pending.Count, run.Cancelled, clock.Elapsed);
    }

    /// <summary>
    /// A trial whose predicted host memory exceeds what is available now is never started: it could only end in an
    /// OOM kill or swapping. It is reported as skipped (not stored), so a later sweep with more free memory runs it.
    /// </summary>
    private List<PlannedTrial> SkipPredictedNotToFit(List<PlannedTrial> pending, Dictionary<string, ModelFacts> facts, RunState run, Func<PlannedTrial, string> id)
    {
        var available = options.AvailableRamBytes ?? HardwareDetector.DetectMemory().AvailableBytes;
        var keep = new List<PlannedTrial>(pending.Count);
        foreach (var trial in pending)
        {
            var predicted = MemoryPredictor.Predict(trial.Config, facts[trial.Model.Path]);
            if (predicted.RamBytes > available * 0.9)
            {
                run.Skip(id(trial), $"predicted to need {predicted.RamBytes / (double)(1L << 30):F1} GiB of RAM, {available / (double)(1L << 30):F1} GiB available", _observer);
                continue;
            }

            keep.Add(trial);
        }

        return keep;
    }

    private void EnsureModels(SweepPlan plan)
    {
        var store = new ModelStore(options.Paths);
        foreach (var model in plan.Trials.Select(t => t.Model).Distinct().Where(m => m.Preset is not null && !File.Exists(m.Path)))
        {
            store.Ensure(model.Preset!, model.Quantization!.Value, log: _observer.Log);
        }
    }

    internal static ModelFacts Facts(string path) => ModelFacts.Read(path);
}
