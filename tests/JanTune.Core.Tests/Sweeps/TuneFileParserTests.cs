using JanTune.Core.Sweeps.Tune;

namespace JanTune.Core.Tests.Sweeps;

public sealed class TuneFileParserTests
{
    [Fact]
    public void Parse_SeveralBadFields_ReportsEveryErrorWithPathValueAndAllowed()
    {
        const string json = """
            { "threads": [1, 2, "x"], "cache_type": ["f16", "q3"], "repetitions": 0, "bogus": 1,
              "models": [{"preset": "9b"}], "strategy": "random", "ngl": {"from": 0} }
            """;

        var ex = Assert.Throws<TuneFileException>(() => TuneFileParser.Parse(json));

        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("threads[2]", paths);
        Assert.Contains("cache_type[1]", paths);
        Assert.Contains("repetitions", paths);
        Assert.Contains("bogus", paths);
        Assert.Contains("models[0].preset", paths);
        Assert.Contains("strategy", paths);
        Assert.Contains("ngl.to", paths);
        var threads = ex.Errors.Single(e => e.Path == "threads[2]");
        Assert.Equal("\"x\"", threads.Value);
        Assert.Contains("whole numbers", threads.Allowed, StringComparison.Ordinal);
        Assert.Contains("adaptive", ex.Errors.Single(e => e.Path == "strategy").Allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grid", SweepStrategy.Grid)]
    [InlineData("adaptive", SweepStrategy.Adaptive)]
    public void Parse_Strategy_IsRead(string text, SweepStrategy expected)
    {
        Assert.Equal(expected, TuneFileParser.Parse($$"""{ "strategy": "{{text}}" }""").Strategy);
    }

    [Fact]
    public void Parse_RangeAndAuto_ExpandAgainstModelAndMachine()
    {
        var spec = TuneFileParser.Parse("""{ "ngl": {"from": 0, "to": 8, "step": 4}, "threads": "auto", "time_budget": "1h30m" }""");

        Assert.Equal([0, 4, 8], spec.GpuLayers.Values);
        Assert.Equal([1, 2], spec.Threads.ExpandThreads(2));
        Assert.Equal([1, 2, 4, 8, 16], spec.Threads.ExpandThreads(16));
        Assert.Equal([0, 6, 12, 18, 22, 23], IntAxis.Auto.ExpandGpuLayers(22));
        Assert.Equal([0, 1, 2, 3], IntAxis.Auto.ExpandGpuLayers(2));
        Assert.Equal(TimeSpan.FromMinutes(90), spec.TimeBudget);
        Assert.Equal(["pp512", "tg128"], spec.Tests.Select(t => t.Name));
    }

    [Fact]
    public void DefaultTune_Embedded_IsValid()
    {
        var spec = DefaultTune.Spec;

        Assert.Equal("1b", spec.Models.Single().Preset);
        Assert.NotNull(spec.TimeBudget);
    }
}
