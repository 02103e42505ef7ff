using System.Diagnostics;
using JanTune.Core.Inference;

namespace JanTune.Core.Tests.Inference;

[Collection(EngineCollection.Name)]
public sealed class GenerationTests(EngineFixture engine)
{
    private static async Task<List<int>> GenerateAsync(LlamaModel model, SamplingOptions sampling, int tokens, string prompt = "The quick brown fox")
    {
        using var context = model.CreateContext(EngineFixture.OneThread());
        using var sampler = new SamplerChain(model, sampling);
        var result = new List<int>();
        var options = new GenerationOptions { MaxTokens = tokens, StopAtEndOfGeneration = false };
        await foreach (var piece in TextGenerator.GenerateAsync(context, sampler, model.Tokenize(prompt), options))
        {
            result.Add(piece.Token);
        }

        return result;
    }

    [Fact]
    public async Task Generate_GreedyTwice_GivesSameTokens()
    {
        var first = await GenerateAsync(engine.Q4, SamplingOptions.Greedy, 32);
        var second = await GenerateAsync(engine.Q4, SamplingOptions.Greedy, 32);

        Assert.Equal(32, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Generate_SameSeed_GivesSameTokens_OtherSeedDiffers()
    {
        var sampling = new SamplingOptions { Temperature = 1.5f, TopK = 0, TopP = 1f, MinP = 0f, Seed = 7 };

        var a = await GenerateAsync(engine.Q4, sampling, 48);
        var b = await GenerateAsync(engine.Q4, sampling, 48);
        var c = await GenerateAsync(engine.Q4, sampling with { Seed = 8 }, 48);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("q4")]
    [InlineData("q8")]
    public async Task Generate_QuantizedModel_LoadsAndGeneratesRequestedTokens(string which)
    {
        // Given a model file quantized by llama.cpp itself
        using var model = LlamaModel.Load(which == "q4" ? engine.Q4Path : engine.Q8Path);

        // When it generates without stopping at EOS
        var tokens = await GenerateAsync(model, SamplingOptions.Greedy, 20);

        // Then it produced exactly that many valid tokens, with llama.cpp's counters agreeing
        Assert.Equal(20, tokens.Count);
        Assert.All(tokens, t => Assert.InRange(t, 0, model.VocabSize - 1));
        Assert.Contains(which == "q4" ? "Q4_0" : "Q8_0", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_Cancelled_StopsWithin200Milliseconds()
    {
        // Given a generation that would run for a long time
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(ctx: 2048));
        using var sampler = new SamplerChain(engine.Q4, SamplingOptions.Greedy);
        using var cts = new CancellationTokenSource();
        var options = new GenerationOptions { MaxTokens = 2000, StopAtEndOfGeneration = false };
        var clock = new Stopwatch();
        var count = 0;

        // When it is cancelled after a few tokens
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in TextGenerator.GenerateAsync(context, sampler, engine.Q4.Tokenize("Once"), options, cancellationToken: cts.Token))
            {
                if (++count == 5)
                {
                    clock.Start();
                    await cts.CancelAsync();
                }
            }
        });

        // Then the stream ends promptly, long before the token limit
        clock.Stop();
        Assert.NotNull(ex);
        Assert.True(clock.ElapsedMilliseconds < 200, $"took {clock.ElapsedMilliseconds} ms to stop");
        Assert.True(count < 2000);
    }

    [Fact]
    public void Decode_AbortRequested_ThrowsCancelledAndContextStaysUsable()
    {
        // Given an abort request pending on the context (the native abort callback polls it during compute)
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread());
        var prompt = engine.Q4.Tokenize(string.Join(' ', Enumerable.Repeat("word", 200)));
        context.RequestAbort();

        // When a prompt is decoded, then llama_decode returns "aborted" and we surface a cancellation
        Assert.ThrowsAny<OperationCanceledException>(() => context.DecodeTokens(prompt));

        // And after clearing the flag the same context decodes again
        context.ClearAbort();
        context.ClearMemory();
        context.DecodeTokens(prompt);
        Assert.Equal(prompt.Length - 1, context.SequenceEnd(0));
    }

    [Fact]
    public async Task Generate_StopString_EndsBeforeIt()
    {
        // Given greedy output, take a substring from its middle as the stop string
        var model = engine.Q4;
        var full = await GenerateTextAsync(model, new GenerationOptions { MaxTokens = 40, StopAtEndOfGeneration = false });
        var stop = full.Substring(full.Length / 2, Math.Min(3, full.Length - full.Length / 2));

        // When generating again with that stop string
        var stopped = await GenerateTextAsync(model, new GenerationOptions { MaxTokens = 40, StopAtEndOfGeneration = false, Stop = [stop] });

        // Then the output is the text up to the first occurrence, without the stop string
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], stopped);
    }

    private static async Task<string> GenerateTextAsync(LlamaModel model, GenerationOptions options)
    {
        using var context = model.CreateContext(EngineFixture.OneThread());
        using var sampler = new SamplerChain(model, SamplingOptions.Greedy);
        var text = new System.Text.StringBuilder();
        await foreach (var piece in TextGenerator.GenerateAsync(context, sampler, model.Tokenize("Tell me"), options))
        {
            text.Append(piece.Text);
        }

        return text.ToString();
    }
}
