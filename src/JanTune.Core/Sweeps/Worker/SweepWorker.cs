using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// The child process that measures (<c>jantune sweep-worker</c>). It binds one backend, reads <see cref="WorkerRequest"/>
/// lines from stdin and writes one <see cref="WorkerMessage"/> line per event to stdout. A native abort or an
/// out-of-memory kill here costs one trial, not the sweep: the orchestrator records it and starts a fresh worker.
/// </summary>
public sealed partial class SweepWorker
{
    /// <summary>
    /// Test-only hook: a worker whose trial's configuration key contains this variable's value dies with SIGABRT at that
    /// trial, exactly as a GGML_ASSERT would kill it, so tests can prove a native abort costs one trial and no more.
    /// </summary>
    public const string TestAbortVariable = "JANTUNE_TEST_ABORT_ON";

    private readonly TextWriter _output;
    private readonly CancellationTokenSource _cancel = new();
    private readonly string? _abortOn = Environment.GetEnvironmentVariable(TestAbortVariable);

    private SweepWorker(TextWriter output) => _output = output;

    /// <summary>Serves requests until stdin closes or a cancel arrives. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        // Ctrl-C reaches the whole process group; the orchestrator decides, and tells us with a cancel line.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        var worker = new SweepWorker(output);
        var requests = Channel.CreateUnbounded<WorkerRequest>();
        var reader = Task.Run(() => worker.ReadAsync(input, requests.Writer));
        await foreach (var request in requests.Reader.ReadAllAsync())
        {
            var finished = await Task.Factory.StartNew(() => worker.Serve(request), TaskCreationOptions.LongRunning);
            if (!finished)
            {
                break;
            }
        }

        await reader;
        return 0;
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
