using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Sweeps.Running;

/// <summary>
/// The orchestrator's side of one worker process (<c>jantune sweep-worker</c>, or another engine's: <see cref="EngineWorkers"/>): sends requests, yields its messages, keeps the
/// last lines of its stderr (the reason a native abort gives) and copies all of them into the sweep log.
/// </summary>
internal sealed class WorkerClient : IDisposable
{
    private const int KeptStderrLines = 12;
    private readonly Process _process;
    private readonly Channel<WorkerMessage> _messages = Channel.CreateUnbounded<WorkerMessage>();
    private readonly Queue<string> _stderr = new();
    private readonly Action<string> _log;
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    public WorkerClient(SweepEngine engine, JanTunePaths paths, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        _log = log;
        var psi = EngineWorkers.StartInfo(engine);
        psi.Environment["JANTUNE_HOME"] = paths.Root;
        // Everything JIT-compiled once, fully optimized: tiered compilation would re-compile hot methods on a
        // background thread during the first timed repetitions, where any extra thread competes with ggml's workers.
        psi.Environment["DOTNET_TieredCompilation"] = "0";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        _process = Process.Start(psi) ?? throw new JanTuneException("could not start a sweep worker process");
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public int ProcessId => _process.Id;

    public async Task SendAsync(WorkerRequest request)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, SweepJson.Options));
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // The worker died; the read side reports how.
        }
    }

    /// <summary>The next message; null when the worker exited (or stays silent past <paramref name="timeout"/>: then it is killed).</summary>
    public async Task<WorkerMessage?> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            if (await _messages.Reader.WaitToReadAsync(cts.Token) && _messages.Reader.TryRead(out var message))
            {
                return message;
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TimedOut = true;
            Kill();
            return null;
        }
    }

    public bool TimedOut { get; private set; }

    /// <summary>Why the worker ended, in words: exit code or signal, and its last stderr lines.</summary>
    public async Task<string> DescribeExitAsync()
    {
        if (!_process.WaitForExit(10_000))
        {
            Kill();
        }

        await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var code = _process.HasExited ? _process.ExitCode : -1;
        var how = code switch
        {
            134 => "the worker aborted (SIGABRT, e.g. a GGML_ASSERT)",
            137 => "the worker was killed (SIGKILL: out of memory?)",
            139 => "the worker crashed (SIGSEGV)",
            > 128 => $"the worker died of signal {code - 128}",
            _ => $"the worker exited with code {code}",
        };
        string[] tail;
        lock (_stderr)
        {
            tail = [.. _stderr];
        }

        return tail.Length == 0 ? how : how + "; stderr: " + string.Join(" | ", tail.Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    /// <summary>Closes stdin so an idle worker exits on its own.</summary>
    public void CloseInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited && !_process.WaitForExit(5_000))
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(WorkerMessage.Prefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize<WorkerMessage>(line.AsSpan(WorkerMessage.Prefix.Length), SweepJson.Options) is { } message)
            {
                await _messages.Writer.WriteAsync(message);
            }
            else
            {
                _log("worker stdout: " + line);
            }
        }

        _messages.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            _log("worker: " + line);
            lock (_stderr)
            {
                _stderr.Enqueue(line);
                while (_stderr.Count > KeptStderrLines)
                {
                    _stderr.Dequeue();
                }
            }
        }
    }
}
