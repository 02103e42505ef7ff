using JanTune.Core.Inference;

namespace JanTune.Core.Tests.Inference;

/// <summary>llama.cpp's -ot syntax as JanTune reads it: host-memory overrides only, every mistake a clear error.</summary>
public sealed class TensorOverridesTests
{
    // What llama-fit-params printed for --fit's placement of the Qwen3-30B-A3B-shaped model at 12 GiB on the H200
    // (reports/examples/h200-moe/raw/fit-12288.args), first three entries.
    private const string FitChoice = @"blk\.27\.ffn_(gate|gate_up|down).*=CPU,blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU,blk\.29\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU";

    [Fact]
    public void CpuPatterns_FitsOutput_SplitsAtCommasAndTheFirstEquals()
    {
        Assert.Equal(
            [@"blk\.27\.ffn_(gate|gate_up|down).*", @"blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps", @"blk\.29\.ffn_(up|down|gate_up|gate)_(ch|)exps"],
            TensorOverrides.CpuPatterns(FitChoice));
        Assert.Empty(TensorOverrides.CpuPatterns(null));
        Assert.Empty(TensorOverrides.CpuPatterns("  "));
    }

    [Fact]
    public void Layers_AreReadFromTheBlockPrefixes_OrUnknownWhenAPatternNamesNone()
    {
        Assert.Equal([27, 28, 29], TensorOverrides.Layers(FitChoice)!.Order());
        Assert.Null(TensorOverrides.Layers(@"\.ffn_(up|down|gate)_exps=CPU"));
    }

    [Theory]
    [InlineData("exps", "no buffer type")]
    [InlineData("=CPU", "empty pattern")]
    [InlineData(@"blk\.0\.ffn_up_exps=CUDA0", "host-memory overrides (=CPU) only")]
    [InlineData(@"blk\.(0=CPU", "not a regular expression")]
    public void CpuPatterns_Mistake_ThrowsSayingWhatIsWrongAndWhatToDo(string value, string said)
    {
        var ex = Assert.Throws<JanTuneException>(() => TensorOverrides.CpuPatterns(value));
        Assert.Contains(said, ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ex.Hint));
    }
}
