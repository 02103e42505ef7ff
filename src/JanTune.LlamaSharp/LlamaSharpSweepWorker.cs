using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.LlamaSharp;

/// <summary>
/// `jantune-llamasharp sweep-worker`: the llamasharp engine's worker. It speaks the npm worker's line protocol
/// (<see cref="WorkerRequest"/> lines on stdin, <see cref="WorkerMessage"/> lines on stdout) and measures with the same
/// scheme (<see cref="JanTune.Core.Sweeps.TrialMeasurer"/>), but loads and decodes through LLamaSharp's own API and
/// its own libllama. A crash here costs one trial, exactly as in the npm worker: the orchestrator records it and
/// starts a fresh worker.
/// </summary>
internal sealed partial class LlamaSharpSweepWorker
{
    private readonly TextWriter _output;
    private readonly CancellationTokenSource _cancel = new();
    private readonly string? _abortOn = Environment.GetEnvironmentVariable(SweepWorker.TestAbortVariable);

    private LlamaSharpSweepWorker(TextWriter output) => _output = output;

    /// <summary>Serves requests until stdin closes or a cancel arrives. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        // Ctrl-C reaches the whole process group; the orchestrator decides, and tells us with a cancel line.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        var worker = new LlamaSharpSweepWorker(output);
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

        // stdin closed: the orchestrator is gone, so stop instead of measuring for nobody.
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
