using System.Text.Json;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;
using JanTune.Core.Tests.Inference;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>The sweep worker, driven in-process through its line protocol, applies llama.cpp's dry run before loading.</summary>
[Collection(EngineCollection.Name)]
public sealed class WorkerDryRunTests(EngineFixture engine)
{
    [Fact]
    public async Task Worker_ConfigurationThatWouldNotFit_IsSkippedWithTheDryRunsReason()
    {
        // Given a worker told that 1 MiB of RAM is available, and a trial on the tiny model
        var messages = await RunWorkerAsync(availableRamBytes: 1L << 20);

        // Then it loads nothing and reports the trial skipped, with llama.cpp's figure and what to do
        var skipped = Assert.Single(messages, m => m.Type == "skipped");
        Assert.Equal("t1", skipped.TrialId);
        Assert.Contains("dry run", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("RAM", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.Type == "result");
        Assert.Equal("done", messages[^1].Type);
    }

    [Fact]
    public async Task Worker_ConfigurationThatFits_IsMeasuredAndCarriesTheDryRunFigures()
    {
        var messages = await RunWorkerAsync(availableRamBytes: 64L << 30);

        var result = Assert.Single(messages, m => m.Type == "result").Result!;
        Assert.Equal(TrialStatus.Ok, result.Status);
        Assert.InRange(result.DryRunHostBytes!.Value, 1, result.PeakRssBytes!.Value);
        Assert.Equal(0, result.DryRunDeviceBytes);
    }

    private async Task<List<WorkerMessage>> RunWorkerAsync(long availableRamBytes)
    {
        var config = new TrialConfig { Backend = "cpu", ModelPath = engine.Q4Path, Quant = "q4_0", Threads = 1, ContextSize = 512, BatchSize = 512, UBatchSize = 512 };
        var request = new WorkerRequest
        {
            Type = "run",
            Workspace = engine.Paths.Root,
            Backend = "cpu",
            ProfileId = "test",
            LlamaBuild = "test",
            Repetitions = 1,
            Warmup = 0,
            AvailableRamBytes = availableRamBytes,
            Trials = [new WorkerTrial("t1", "tiny", config, TrialTest.Parse("tg4"))],
        };
        using var output = new DoneSignallingWriter();
        using var input = new HeldOpenReader(JsonSerializer.Serialize(request, SweepJson.Options), output.Done);
        await SweepWorker.RunAsync(input, output).WaitAsync(TimeSpan.FromMinutes(2));
        return output.Messages;
    }

    /// <summary>Gives one request line, then keeps "stdin" open until the worker said done (EOF would cancel it).</summary>
    private sealed class HeldOpenReader(string line, Task done) : TextReader
    {
        private bool _given;

        public override async Task<string?> ReadLineAsync()
        {
            if (!_given)
            {
                _given = true;
                return line;
            }

            await done;
            return null;
        }
    }

    private sealed class DoneSignallingWriter : StringWriter
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        public List<WorkerMessage> Messages { get; } = [];

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(WorkerMessage.Prefix, StringComparison.Ordinal))
            {
                var message = JsonSerializer.Deserialize<WorkerMessage>(value[WorkerMessage.Prefix.Length..], SweepJson.Options)!;
                Messages.Add(message);
                if (message.Type == "done")
                {
                    _done.TrySetResult();
                }
            }
        }
    }
}
