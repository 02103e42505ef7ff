using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using JanTune.Core.Tests.Inference;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>Real llama.cpp on the tiny model: what we time, what llama.cpp counts, and what a meter is shown.</summary>
[Collection(EngineCollection.Name)]
public sealed class TrialMeasurerTests(EngineFixture engine)
{
    [Theory]
    [InlineData("pp64")]
    [InlineData("tg16")]
    [InlineData("tg16@d32")]
    public void Measure_EveryRepetition_LlamaCppCountsExactlyTheTokensWeDecoded(string name)
    {
        // Given a context and a test with warmup and depth fill
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(ctx: 256, batch: 64));
        var test = TrialTest.Parse(name);

        // When it is measured
        var measured = TrialMeasurer.Measure(context, test, repetitions: 3, warmup: 1, new RandomTokens(engine.Q4, 1));

        // Then llama.cpp's perf counters saw exactly the timed tokens of each repetition (no depth fill, no warmup)
        var actual = measured.Measurements.Where(m => m.Kind == MeasurementKind.Actual).ToList();
        Assert.Equal(3, actual.Count);
        Assert.All(actual, m => Assert.Equal(test.Tokens, m.LlamaTokens));
        Assert.All(actual, m => Assert.True(m.LlamaMs > 0));
        Assert.Equal(3L * test.Tokens, measured.TimedTokens);
    }

    [Fact]
    public void Measure_LlamaColumn_IsTheMeanOfPerRepetitionRatesLikeLlamaBenchAvgTs()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(ctx: 256, batch: 64));

        var measured = TrialMeasurer.Measure(context, TrialTest.Parse("tg16"), repetitions: 3, warmup: 1, new RandomTokens(engine.Q4, 2));

        // avg_ts = mean over repetitions of n * 1e3 / ms, not total tokens over total time
        var rates = measured.Measurements.Where(m => m.Kind == MeasurementKind.Actual).Select(m => m.LlamaTokens!.Value * 1000.0 / m.LlamaMs!.Value);
        Assert.Equal(rates.Average(), measured.LlamaPerfTokensPerSecond!.Value, 9);
    }

    [Fact]
    public void Measure_Listener_SeesOneRegionPerActualRepetitionWithItsTokens()
    {
        using var context = engine.Q4.CreateContext(EngineFixture.OneThread(ctx: 256, batch: 64));
        var listener = new CountingListener();

        _ = TrialMeasurer.Measure(context, TrialTest.Parse("tg8@d16"), repetitions: 2, warmup: 2, new RandomTokens(engine.Q4, 3), listener: listener);

        // Warmups and the depth fill are outside every region
        Assert.Equal(2, listener.Begins);
        Assert.Equal([8, 8], listener.Tokens);
    }

    private sealed class CountingListener : ITimedRegionListener
    {
        public int Begins { get; private set; }

        public List<int> Tokens { get; } = [];

        public void Begin() => Begins++;

        public void End(int tokens) => Tokens.Add(tokens);
    }
}
