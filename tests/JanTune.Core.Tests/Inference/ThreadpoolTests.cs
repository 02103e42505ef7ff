using JanTune.Core.Inference;
using JanTune.Native;

namespace JanTune.Core.Tests.Inference;

/// <summary>Every context runs on a persistent CPU threadpool sized to its threads, as llama-bench sets it up.</summary>
[Collection(EngineCollection.Name)]
public sealed class ThreadpoolTests(EngineFixture engine)
{
    [Fact]
    public void CreateContext_TwoThreads_AttachesAPoolOfTwo()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread() with { Threads = 2 });

        Assert.Equal(2, context.ThreadpoolSize);
        Assert.Equal(2, context.Threads);
    }

    [Fact]
    public void SetThreads_BetweenDecodes_ReplacesThePoolAndKeepsDecoding()
    {
        // Given a context that decoded on one thread
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread());
        var prompt = engine.Q4.Tokenize("The quick brown fox jumps");
        context.DecodeTokens(prompt);

        // When the thread count changes twice, with decodes in between (the old pool is freed after the next decode)
        context.SetThreads(2);
        context.DecodeTokens([prompt[^1]]);
        var sizeAtTwo = context.ThreadpoolSize;
        context.SetThreads(1);
        context.DecodeTokens([prompt[^1]]);

        // Then each decode ran on a pool of the requested size and produced finite logits
        Assert.Equal(2, sizeAtTwo);
        Assert.Equal(1, context.ThreadpoolSize);
        Assert.All(context.Logits().ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CreateContext_BadCpuMask_ThrowsWithTheReason()
    {
        var options = EngineFixture.OneThread() with { Threadpool = new CpuThreadpoolSettings { CpuMask = "0xZZ" } };

        var ex = Assert.Throws<JanTuneException>(() => engine.Q4.CreateContext(options));

        Assert.Contains("not hex", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateContext_PollZero_StillDecodes()
    {
        var options = EngineFixture.OneThread() with { Threads = 2, Threadpool = new CpuThreadpoolSettings { Poll = 0 } };
        using var context = engine.Q4.CreateContext(options);

        context.DecodeTokens(engine.Q4.Tokenize("Hello"));

        Assert.All(context.Logits().ToArray(), v => Assert.True(float.IsFinite(v)));
    }
}
