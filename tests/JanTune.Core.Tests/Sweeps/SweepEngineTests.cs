using System.Text.Json;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Tune;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Tests.Sweeps;

public sealed class SweepEngineTests
{
    private static readonly TrialConfig Npm = new() { Backend = "cpu", ModelPath = "/m/tiny.gguf", Quant = "q4_0", Threads = 2 };

    [Fact]
    public void Key_NpmEngine_IsTheKeyStoredBeforeEnginesExisted()
    {
        Assert.Equal("cpu|/m/tiny.gguf|0|repack|Layer||4096|2048|512|Auto|F16|t2", Npm.Key);
        Assert.DoesNotContain("engine", JsonSerializer.Serialize(Npm, SweepJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_LlamaSharpEngine_IsDistinctAndRoundTrips()
    {
        var ls = Npm with { Engine = SweepEngine.LlamaSharp };

        Assert.NotEqual(Npm.Key, ls.Key);
        Assert.NotEqual(Npm.ModelKey, ls.ModelKey); // another engine is another model load
        Assert.EndsWith("|engine=llamasharp", ls.ModelKey, StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(ls, SweepJson.Options);
        Assert.Contains("\"engine\":\"llamasharp\"", json, StringComparison.Ordinal);
        Assert.Equal(ls, JsonSerializer.Deserialize<TrialConfig>(json, SweepJson.Options));
    }

    [Fact]
    public void Parse_Engine_ReadsListAndDefaultsToNpm()
    {
        Assert.Equal([SweepEngine.Npm], TuneFileParser.Parse("{}").Engines);
        Assert.Equal([SweepEngine.Npm, SweepEngine.LlamaSharp], TuneFileParser.Parse("""{ "engine": ["npm", "llamasharp"] }""").Engines);
        Assert.Equal([SweepEngine.LlamaSharp], TuneFileParser.Parse("""{ "engine": "llamasharp" }""").Engines);
    }

    [Theory]
    [InlineData("""{ "engine": ["npm", "onnx"] }""", "engine[1]", "\"onnx\"")]
    [InlineData("""{ "engine": 3 }""", "engine", "3")]
    public void Parse_BadEngine_NamesThePathTheValueAndTheEngines(string json, string path, string value)
    {
        var ex = Assert.Throws<TuneFileException>(() => TuneFileParser.Parse(json));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(value, error.Value);
        Assert.Contains("npm, llamasharp", error.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LlamaSharpOnGpuOrWithRepackOff_IsLeftOutWithTheReason()
    {
        var spec = TuneFileParser.Parse("""{ "engine": ["npm", "llamasharp"], "threads": [1], "repack": [true, false], "tests": ["pp64"] }""");
        var model = new ResolvedModel("/m/tiny-q4_0.gguf", "q4_0", 4, 1000, null, null);

        var plan = SweepPlanner.Plan(spec, [model], ["cpu", "cuda"], 2);

        var ls = plan.Trials.Where(t => t.Config.Engine == SweepEngine.LlamaSharp).ToList();
        var only = Assert.Single(ls);
        Assert.Equal("cpu", only.Config.Backend);
        Assert.True(only.Config.WeightRepack);
        Assert.Contains(plan.Notes, n => n.Contains("llamasharp cannot run on the cuda backend", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("weight repack off is not applied", StringComparison.Ordinal));
        Assert.Contains(plan.Trials, t => t.Config.Engine == SweepEngine.Npm && !t.Config.WeightRepack);
    }

    [Fact]
    public void Refusal_SettingLlamaSharpCannotExpress_SaysWhich()
    {
        var ls = Npm with { Engine = SweepEngine.LlamaSharp };

        Assert.Null(SweepEngines.Refusal(ls));
        Assert.Contains("vulkan", SweepEngines.Refusal(ls with { Backend = "vulkan" }), StringComparison.Ordinal);
        Assert.Contains("use_extra_bufts", SweepEngines.Refusal(ls with { WeightRepack = false }), StringComparison.Ordinal);
        Assert.Contains("iq4_nl", SweepEngines.Refusal(ls with { CacheType = Core.Gguf.GgmlType.IQ4_NL }), StringComparison.Ordinal);
        Assert.Null(SweepEngines.Refusal(Npm with { Backend = "vulkan", WeightRepack = false }));
    }
}
