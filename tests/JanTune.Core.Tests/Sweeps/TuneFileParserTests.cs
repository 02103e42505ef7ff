using JanTune.Core.Inference;
using JanTune.Core.Sweeps.Planning;
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

    [Fact]
    public void Parse_ThreadpoolFields_GiveEveryCombinationAndDefaultToLlamaCpps()
    {
        var spec = TuneFileParser.Parse("""{ "poll": [0, 50], "cpu_mask": "0xff", "cpu_strict": [true], "prio": ["high", 1] }""");

        Assert.Equal(4, spec.Threadpools.Count);
        Assert.All(spec.Threadpools, t => Assert.Equal(("0xff", true), (t.CpuMask, t.StrictCpu)));
        Assert.Equal([0, 0, 50, 50], spec.Threadpools.Select(t => t.Poll));
        Assert.Equal([Native.Interop.GgmlSchedPriority.High, Native.Interop.GgmlSchedPriority.Medium], spec.Threadpools.Take(2).Select(t => t.Priority));
        Assert.Equal([Native.CpuThreadpoolSettings.Default], TuneFileParser.Parse("{}").Threadpools);
    }

    [Fact]
    public void Parse_SplitModeAndTensorSplit_AreReadAndNormalized()
    {
        var spec = TuneFileParser.Parse("""{ "split_mode": ["none", "layer", "row", "tensor"], "tensor_split": ["auto", "3,1", [1, 1.5]] }""");

        Assert.Equal([SplitMode.None, SplitMode.Layer, SplitMode.Row, SplitMode.Tensor], spec.SplitModes);
        Assert.Equal(["", "3,1", "1,1.5"], spec.TensorSplits);
        Assert.Equal([SplitMode.Layer], TuneFileParser.Parse("{}").SplitModes);
        Assert.Equal([""], TuneFileParser.Parse("{}").TensorSplits);
    }

    [Theory]
    [InlineData("""{ "split_mode": ["rows"] }""", "split_mode[0]")]
    [InlineData("""{ "split_mode": [2] }""", "split_mode[0]")]
    [InlineData("""{ "tensor_split": ["3;1"] }""", "tensor_split[0]")]
    [InlineData("""{ "tensor_split": ["-1,2"] }""", "tensor_split[0]")]
    [InlineData("""{ "tensor_split": [[0, 0]] }""", "tensor_split[0]")]
    [InlineData("""{ "tensor_split": [[1, "a"]] }""", "tensor_split[0]")]
    [InlineData("""{ "tensor_split": [[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]] }""", "tensor_split[0]")]
    [InlineData("""{ "poll": [101] }""", "poll[0]")]
    [InlineData("""{ "cpu_mask": ["0xg"] }""", "cpu_mask[0]")]
    [InlineData("""{ "cpu_mask": [255] }""", "cpu_mask[0]")]
    [InlineData("""{ "cpu_strict": ["yes"] }""", "cpu_strict[0]")]
    [InlineData("""{ "prio": ["urgent"] }""", "prio[0]")]
    [InlineData("""{ "prio": [4] }""", "prio[0]")]
    [InlineData("""{ "prio": ["7"] }""", "prio[0]")]
    public void Parse_BadSplitFields_NameTheFieldAndWhatIsAllowed(string json, string path)
    {
        var ex = Assert.Throws<TuneFileException>(() => TuneFileParser.Parse(json));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrEmpty(error.Allowed));
    }

    [Fact]
    public void Plan_SplitAxes_ApplyToGpuOffloadOnly_AndArePruned()
    {
        // Given every split mode and two proportions, on the CPU and on CUDA and Vulkan
        var spec = TuneFileParser.Parse("""
            { "models": [{"path": "m.gguf"}], "backends": ["cpu", "cuda", "vulkan"], "ngl": [0, 9], "threads": [1],
              "split_mode": ["none", "layer", "row", "tensor"], "tensor_split": ["auto", "3,1"], "flash_attn": ["on", "off"], "tests": ["tg128"] }
            """);
        var model = new ResolvedModel("m.gguf", "q4_0", 8, 1L << 20, null, null);

        var plan = SweepPlanner.Plan(spec, [model], spec.Backends, 2);

        // Then the CPU and NGL 0 get one split (nothing is split); split none gets no proportions
        var configs = plan.Trials.Select(t => t.Config).ToList();
        Assert.All(configs.Where(c => c.Backend == "cpu" || c.GpuLayers == 0), c => Assert.Equal((SplitMode.Layer, ""), (c.SplitMode, c.TensorSplit)));
        Assert.All(configs.Where(c => c.SplitMode == SplitMode.None), c => Assert.Equal("", c.TensorSplit));
        // No row split (the pinned build cannot), tensor only with flash attention on
        Assert.DoesNotContain(configs, c => c.SplitMode == SplitMode.Row);
        Assert.DoesNotContain(configs, c => c.SplitMode == SplitMode.Tensor && c.FlashAttention != FlashAttention.On);
        var cudaOffload = configs.Where(c => c.Backend == "cuda" && c.GpuLayers == 9).ToList();
        // none (1) + layer (2) with fa on and off, tensor (2) with fa on
        Assert.Equal(2 * (1 + 2) + 2, cudaOffload.Count);
        Assert.Equal(cudaOffload.Count, cudaOffload.Select(c => c.Key).Distinct().Count());
        Assert.Contains(plan.Notes, n => n.Contains("row", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("GPU offload only", StringComparison.Ordinal));
    }
}
