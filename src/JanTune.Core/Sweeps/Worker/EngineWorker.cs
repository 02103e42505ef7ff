using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;

namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// A measuring child process of one engine: reads <see cref="WorkerRequest"/> lines from stdin, runs each request's
/// trials in order and writes one <see cref="WorkerMessage"/> line per event to stdout. A native abort or an
/// out-of-memory kill here costs one trial, not the sweep: the orchestrator records it and starts a fresh worker.
/// An engine supplies how it refuses, prepares and measures a trial; the protocol, the time budget, cancellation and
/// the test abort hook are the same for all.
/// </summary>
public abstract class EngineWorker
{
    /// <summary>
    /// Test-only hook: a worker whose trial's configuration key contains this variable's value dies with SIGABRT at that
    /// trial, exactly as a GGML_ASSERT would kill it, so tests can prove a native abort costs one trial and no more.
    /// </summary>
    public const string TestAbortVariable = "JANTUNE_TEST_ABORT_ON";

    private readonly TextWriter _output;
    private readonly CancellationTokenSource _cancel = new();
    private readonly string? _abortOn = Environment.GetEnvironmentVariable(TestAbortVariable);

    protected EngineWorker(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Cancelled by a cancel line or when stdin closes.</summary>
    protected CancellationToken Cancellation => _cancel.Token;

    /// <summary>Serves requests until stdin closes or a cancel arrives. Returns the process exit code.</summary>
    public async Task<int> RunAsync(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Ctrl-C reaches the whole process group; the orchestrator decides, and tells us with a cancel line.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        var requests = Channel.CreateUnbounded<WorkerRequest>();
        var reader = Task.Run(() => ReadAsync(input, requests.Writer));
        await foreach (var request in requests.Reader.ReadAllAsync())
        {
            var finished = await Task.Factory.StartNew(() => Serve(request), TaskCreationOptions.LongRunning);
            if (!finished)
            {
                break;
            }
        }

        await reader;
        return 0;
    }

    /// <summary>Sets the engine up for a request (backends, libraries); called before its first trial.</summary>
    protected abstract void Begin(WorkerRequest request);

    /// <summary>Why this engine will not measure the configuration, or null: never measured as something else.</summary>
    protected abstract string? Refusal(TrialConfig config);

    /// <summary>
    /// Loads what the trial needs and measures it. Throws <see cref="TrialDoesNotFitException"/> to skip it, or an
    /// exception <see cref="IsTrialFailure"/> accepts to record it as failed with that message.
    /// </summary>
    protected abstract TrialResult Measure(TrialResult result, WorkerTrial trial, WorkerRequest request);

    /// <summary>The CPU build this engine runs on, as far as known before the trial.</summary>
    protected abstract string? CpuVariant { get; }

    /// <summary>Releases the model and context after a request.</summary>
    protected abstract void End();

    /// <summary>Exceptions that fail one trial with their message (the sweep goes on).</summary>
    protected virtual bool IsTrialFailure(Exception exception) => exception is JanTuneException;

    /// <summary>Runs one request's trials in order; false when cancelled.</summary>
    private bool Serve(WorkerRequest request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Begin(request);
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

                if (Refusal(trial.Config) is { } refusal)
                {
                    Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = refusal });
                    continue;
                }

                Send(new WorkerMessage { Type = "started", TrialId = trial.TrialId });
                if (_abortOn is { Length: > 0 } && trial.Config.Key.Contains(_abortOn, StringComparison.Ordinal))
                {
                    Environment.FailFast($"{TestAbortVariable} matched {trial.Config.Key}: simulated native abort");
                }

                if (!Run(trial, request))
                {
                    return false;
                }
            }

            Send(new WorkerMessage { Type = "done" });
            return true;
        }
        finally
        {
            End();
        }
    }

    /// <summary>One started trial: sends its result (ok or failed) or its skip; false when cancelled.</summary>
    private bool Run(WorkerTrial trial, WorkerRequest request)
    {
        var started = TimeProvider.System.GetUtcNow();
        var result = new TrialResult
        {
            TrialId = trial.TrialId,
            ProfileId = request.ProfileId,
            LlamaBuild = request.LlamaBuild,
            CpuVariant = CpuVariant,
            ModelIdentity = trial.ModelIdentity,
            Config = trial.Config,
            Test = trial.Test,
            Status = TrialStatus.Failed,
            StartedAt = started,
        };
        try
        {
            result = Measure(result, trial, request);
        }
        catch (TrialDoesNotFitException ex)
        {
            Send(new WorkerMessage { Type = "skipped", TrialId = trial.TrialId, Reason = ex.Message });
            return true;
        }
        catch (OperationCanceledException)
        {
            Send(new WorkerMessage { Type = "cancelled", TrialId = trial.TrialId });
            return false;
        }
        catch (Exception ex) when (IsTrialFailure(ex))
        {
            result = result with { Error = ex.Message };
        }

        result = result with { Duration = TimeProvider.System.GetUtcNow() - started };
        Send(new WorkerMessage { Type = "result", TrialId = trial.TrialId, Result = result });
        return true;
    }

    private async Task ReadAsync(TextReader input, ChannelWriter<WorkerRequest> requests)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var request = JsonSerializer.Deserialize<WorkerRequest>(line, SweepJson.Options)
                ?? throw new InvalidDataException("empty worker request");
            if (request.Type == "cancel")
            {
                await _cancel.CancelAsync();
                break;
            }

            await requests.WriteAsync(request);
        }

        // stdin closed: the orchestrator is gone (even kill -9), so stop at once instead of measuring for nobody.
        await _cancel.CancelAsync();
        requests.TryComplete();
    }

    private void Send(WorkerMessage message)
    {
        lock (_output)
        {
            _output.WriteLine(WorkerMessage.Prefix + JsonSerializer.Serialize(message, SweepJson.Options));
            _output.Flush();
        }
    }
}
