using JanTune.Core.Models;

namespace JanTune.Core.Tests.Models;

public class SyntheticPresetsTests
{
    [Theory]
    [InlineData("tiny", 2, 256)]
    [InlineData("1B", 22, 2048)]
    [InlineData("7b", 32, 4096)]
    [InlineData("125m", 12, 768)]
    public void Get_KnownName_ReturnsPreset(string name, int layers, int embd)
    {
        var preset = SyntheticPresets.Get(name);

        Assert.Equal(layers, preset.Layers);
        Assert.Equal(embd, preset.Embd);
    }

    [Fact]
    public void Get_UnknownName_ListsValidNames()
    {
        var ex = Assert.Throws<JanTuneException>(() => SyntheticPresets.Get("13b"));

        Assert.Contains("13b", ex.Message, StringComparison.Ordinal);
        Assert.Equal("use one of: tiny, 125m, 1b, 7b, tiny-qwen3, qwen3-8b, tiny-qwen3moe, qwen3-30b-a3b, tiny-mixtral, mixtral-8x7b", ex.Hint);
    }

    [Fact]
    public void All_RowLengths_AreMultiplesOf256ForKQuants() =>
        Assert.All(SyntheticPresets.All, p => Assert.True(p.Embd % 256 == 0 && p.FeedForward % 256 == 0, p.Name));

    [Theory]
    [InlineData("f16", ModelQuantization.F16, 1)]
    [InlineData("Q8_0", ModelQuantization.Q8_0, 7)]
    [InlineData("q4_0", ModelQuantization.Q4_0, 2)]
    [InlineData("q4-k-m", ModelQuantization.Q4_K_M, 15)]
    public void Parse_KnownName_MapsToLlamaFtype(string name, ModelQuantization expected, int ftype)
    {
        var quantization = ModelQuantizations.Parse(name);

        Assert.Equal(expected, quantization);
        Assert.Equal(ftype, quantization.FileTypeId());
    }

    [Fact]
    public void Parse_UnknownName_ListsValidNames()
    {
        var ex = Assert.Throws<JanTuneException>(() => ModelQuantizations.Parse("q3_k"));

        Assert.Equal("use one of: f16, q8_0, q4_0, q4_k_m", ex.Hint);
    }

    [Fact]
    public void FileName_DefaultAndOtherSeed_SeedOnlyWhenNotDefault()
    {
        Assert.Equal("1b-q4_0.gguf", SyntheticModelNaming.FileName(SyntheticPresets.TinyLlama, ModelQuantization.Q4_0));
        Assert.Equal("tiny-q4_k_m-s7.gguf", SyntheticModelNaming.FileName(SyntheticPresets.Tiny, ModelQuantization.Q4_K_M, 7));
    }
}
