using JanTune.Core.Gguf;
using JanTune.Core.Models;
using JanTune.Core.Tests.Fixtures;

namespace JanTune.Core.Tests.Gguf;

public class GgufModelInfoTests
{
    // Tiny: 2 layers, embd 256, ff 768, 4 heads (head dim 64), 2 KV heads, vocab 1024; norms F32, the rest F16.
    private const long LayerBytes = (2 * 256 * 4) + (2 * ((256 * 256 * 2) + (256 * 128 * 2) + (3 * 256 * 768)));

    [Fact]
    public void From_TinyModel_MatchesHandComputedNumbers()
    {
        // Given the tiny model
        var info = GgufModelInfo.From(GgufAssert.Read(TinyModel.Bytes));

        // Then its numbers match the hand computation
        Assert.Equal(1_574_912, LayerBytes);
        Assert.Equal("llama", info.Architecture);
        Assert.Equal(2, info.Layers);
        Assert.Equal(2_098_432, info.ParameterCount);
        Assert.Equal(SyntheticPresets.Tiny.ParameterCount, info.ParameterCount);
        Assert.Equal([LayerBytes, LayerBytes], info.LayerBytes);
        Assert.Equal(LayerBytes, info.MeanLayerBytes);
        Assert.Equal(524_288 + 1024, info.OutputBytes);
        Assert.Equal(524_288, info.TokenEmbeddingBytes);
        Assert.Equal(4_199_424, info.TensorBytes);
        Assert.Equal(8.0 * 4_199_424 / 2_098_432, info.BitsPerWeight, 12);
        Assert.Equal(TinyModel.Bytes.Length, info.FileSize);
        Assert.Equal(
            [new TensorTypeUsage(GgmlType.F32, 5 * 1024, 5), new TensorTypeUsage(GgmlType.F16, 4_199_424 - 5120, 16)],
            info.BytesByType);
    }

    [Theory]
    [InlineData(GgmlType.F16, 2 * 2 * 128 * 2)]
    [InlineData(GgmlType.Q8_0, 2 * 2 * 4 * 34)]
    [InlineData(GgmlType.F32, 2 * 2 * 128 * 4)]
    public void KvCacheBytesPerToken_Tiny_IsTwoTimesLayersTimesKvDim(GgmlType cacheType, long expected)
    {
        var info = GgufModelInfo.From(GgufAssert.Read(TinyModel.Bytes));

        Assert.Equal(expected, info.KvCacheBytesPerToken(cacheType));
    }
}
