using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Sweeps.Running;

public sealed partial class SweepRunner
{
    /// <summary>One worker lifetime: runs until the queue is empty, the worker dies, or the sweep is cancelled.</summary>
    private async Task RunWorkerAsync(WorkerRequest request, Queue<WorkerTrial> queue, RunState run, CancellationToken cancellationToken)
    {
        WorkerClient client;
        try
        {
            client = new WorkerClient(request.Engine, options.Paths, options.WorkerEnvironment, _observer.Log);
        }
        catch (JanTuneException ex) when (request.Engine != SweepEngine.Npm)
        {
            // An engine whose worker is not built: its trials are skipped with why (a later sweep runs them), the rest go on.
            foreach (var trial in queue)
            {
                run.Skip(trial.TrialId, ex.Message + (ex.Hint is null ? string.Empty : ": " + ex.Hint), _observer);
            }

            queue.Clear();
            return;
        }

        using var worker = client;
        await worker.SendAsync(request);
        string? current = null;
        using var cancelRegistration = cancellationToken.Register(() => _ = worker.SendAsync(new WorkerRequest { Type = "cancel" }));
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = await worker.ReadAsync(options.TrialTimeout, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                message = null;
            }

            if (message is null)
            {
                break;
            }

            switch (message.Type)
            {
                case "started":
                    current = message.TrialId;
                    if (run.Trial(current) is { } started)
                    {
                        _observer.Started(started);
                    }

                    break;
                case "result" when message.Result is { } result:
                    run.Persist(result, _observer);
                    Dequeue(queue, result.TrialId);
                    current = null;
                    break;
                case "skipped":
                    run.Skip(message.TrialId!, message.Reason ?? "time budget", _observer);
                    Dequeue(queue, message.TrialId);
                    current = null;
                    break;
                case "cancelled":
                    run.Cancelled = true;
                    worker.CloseInput();
                    return;
                case "done":
                    worker.CloseInput();
                    return;
            }
        }

        // The worker is gone before "done": whatever it was running is its casualty.
        if (cancellationToken.IsCancellationRequested)
        {
            run.Cancelled = true;
            return;
        }

        var why = worker.TimedOut ? $"no progress for {options.TrialTimeout.TotalSeconds:F0} s: the worker was killed" : await worker.DescribeExitAsync();
        var casualty = current ?? (queue.Count > 0 ? queue.Peek().TrialId : null);
        if (casualty is not null)
        {
            run.Fail(casualty, why, _observer);
            Dequeue(queue, casualty);
        }
    }

    private static void Dequeue(Queue<WorkerTrial> queue, string? trialId)
    {
        var rest = queue.Where(t => t.TrialId != trialId).ToList();
        queue.Clear();
        foreach (var t in rest)
        {
            queue.Enqueue(t);
        }
    }
}
