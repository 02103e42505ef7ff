using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Core.Tests.Inference;

/// <summary>Every size llama.cpp would GGML_ASSERT on is rejected first, and the process lives on.</summary>
[Collection(EngineCollection.Name)]
public sealed class ValidationTests(EngineFixture engine)
{
    [Fact]
    public void Decode_BatchLargerThanNBatch_ThrowsAndProcessLivesOn()
    {
        // Given a context with n_batch 64 and a batch of 100 tokens (llama.cpp would abort the process)
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(batch: 64));
        using var batch = new TokenBatch(100);
        for (var i = 0; i < 100; i++)
        {
            batch.Add(10 + i, i, 0, i == 99);
        }

        // When it is decoded, then we get an exception instead of SIGABRT
        var ex = Assert.Throws<ArgumentException>(() => context.Decode(batch));
        Assert.Contains("n_batch is 64", ex.Message, StringComparison.Ordinal);

        // And the process and context still work
        context.DecodeTokens(engine.Q4.Tokenize("still alive"));
    }

    [Fact]
    public void Decode_TokenIdOutOfRange_Throws()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread());

        Assert.Throws<ArgumentOutOfRangeException>(() => context.DecodeTokens([1, engine.Q4.VocabSize + 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.DecodeTokens([-1]));
    }

    [Fact]
    public void Decode_SequenceIdBeyondContext_Throws()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(sequences: 2));
        using var batch = new TokenBatch(4, 1);
        batch.Add(10, 0, 2, true);

        Assert.Throws<ArgumentOutOfRangeException>(() => context.Decode(batch));
    }

    [Fact]
    public void DecodeTokens_PastContextLength_ThrowsWithHint()
    {
        // Given a 256-token context holding 200 tokens
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(ctx: 256, batch: 256));
        context.DecodeTokens(Enumerable.Repeat(50, 200).ToArray());

        // When 100 more arrive, then the overflow is refused before llama.cpp sees it
        var ex = Assert.Throws<JanTuneException>(() => context.DecodeTokens(Enumerable.Repeat(50, 100).ToArray()));
        Assert.Contains("do not fit", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void TokenBatch_AddPastCapacity_Throws()
    {
        using var batch = new TokenBatch(2);
        batch.Add(1, 0, 0, false);
        batch.Add(2, 1, 0, false);

        Assert.Throws<InvalidOperationException>(() => batch.Add(3, 2, 0, true));
    }

    [Fact]
    public void Load_MalformedGguf_ThrowsFormatErrorBeforeNativeLoad()
    {
        // Given a file that starts like GGUF but claims an absurd tensor count
        var path = Path.Combine(Path.GetTempPath(), $"jantune-bad-{Guid.NewGuid():N}.gguf");
        var bytes = new byte[64];
        "GGUF"u8.CopyTo(bytes);
        BitConverter.GetBytes(3u).CopyTo(bytes, 4);
        BitConverter.GetBytes(ulong.MaxValue / 2).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        try
        {
            // When it is loaded, then the reader's message explains it and llama.cpp never sees it
            var ex = Assert.Throws<GgufFormatException>(() => LlamaModel.Load(path));
            Assert.Contains("tensor", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithHint()
    {
        var ex = Assert.Throws<JanTuneException>(() => LlamaModel.Load("/nonexistent/model.gguf"));

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model synth", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_PerfCounters_CountDecodedTokens()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread());
        context.ResetPerf();
        var prompt = engine.Q4.Tokenize("count these prompt tokens please");

        // llama.cpp attributes queued tokens to prompt or eval only when it synchronizes, as llama-bench does per decode
        context.DecodeTokens(prompt);
        context.Synchronize();
        context.DecodeTokens([42]);

        var perf = context.ReadPerf();

        Assert.Equal(prompt.Length, perf.PromptTokens);
        Assert.Equal(1, perf.EvalTokens);
        Assert.True(perf.PromptMs > 0 && perf.EvalMs > 0, perf.ToString());
    }

    [Fact]
    public void SetThreads_ChangesWithoutReload()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread());

        context.SetThreads(2, 2);

        Assert.Equal(2, context.Threads);
        Assert.Equal(2, context.ThreadsBatch);
    }
}
