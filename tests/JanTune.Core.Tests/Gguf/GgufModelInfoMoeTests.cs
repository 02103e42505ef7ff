using JanTune.Core.Gguf;
using JanTune.Core.Models;

namespace JanTune.Core.Tests.Gguf;

/// <summary>The GGUF reader's expert figures, on the synthetic MoE and Qwen3 files (F16, written in memory).</summary>
public class GgufModelInfoMoeTests
{
    private static GgufModelInfo Info(SyntheticPreset preset)
    {
        using var stream = new MemoryStream();
        SyntheticModelWriter.Build(preset, SyntheticModelWriter.DefaultSeed).Write(stream);
        return GgufModelInfo.From(GgufAssert.Read(stream.ToArray()));
    }

    [Fact]
    public void From_TinyQwen3Moe_ReportsExpertsActiveParametersAndExpertBytesPerLayer()
    {
        // tiny-qwen3moe: 4 layers, embd 256, 128 experts of width 32 (8 per token), heads 4 x 128, 2 KV heads, vocab 2048
        const long expertsPerLayer = 3L * 256 * 32 * 128;                   // gate, up, down: 3,145,728 weights
        const long attention = (2L * 256 * 512) + (2L * 256 * 256);          // q, o 256x512; k, v 256x256
        const long smallPerLayer = (2 * 256) + (2 * 128) + (256 * 128);      // norms, q/k norms, router (F32)
        const long embeddings = 2L * 256 * 2048;
        var info = Info(SyntheticPresets.TinyQwen3Moe);

        Assert.Equal("qwen3moe", info.Architecture);
        Assert.True(info.IsMoe);
        Assert.Equal(128, info.ExpertCount);
        Assert.Equal(8, info.ExpertsUsed);
        Assert.Equal(4 * expertsPerLayer, info.ExpertParameterCount);
        Assert.Equal(embeddings + 256 + (4 * (expertsPerLayer + attention + smallPerLayer)), info.ParameterCount);
        Assert.Equal(info.ParameterCount - (4 * expertsPerLayer * 120 / 128), info.ActiveParameterCount);
        Assert.All(info.ExpertLayerBytes, b => Assert.Equal(expertsPerLayer * 2, b));                   // F16
        Assert.All(info.DenseLayerBytes, b => Assert.Equal((attention * 2) + (smallPerLayer * 4), b));  // F16 + F32
        Assert.Equal(128, info.HeadDim);                                                               // key_length, not 256 / 4
        Assert.Equal(4 * 2 * 2 * 128 * 2, info.KvCacheBytesPerToken());
    }

    [Fact]
    public void From_TinyMixtral_CountsLlamaArchitectureExperts()
    {
        var info = Info(SyntheticPresets.TinyMixtral);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal((8, 2), (info.ExpertCount, info.ExpertsUsed));
        Assert.Equal(4 * 3L * 256 * 256 * 8, info.ExpertParameterCount);
        Assert.Equal(info.ParameterCount - (info.ExpertParameterCount * 6 / 8), info.ActiveParameterCount);
    }

    [Fact]
    public void From_DenseQwen3_HasNoExperts()
    {
        var info = Info(SyntheticPresets.TinyQwen3);

        Assert.False(info.IsMoe);
        Assert.Equal(0, info.ExpertCount);
        Assert.Equal(info.ParameterCount, info.ActiveParameterCount);
        Assert.All(info.ExpertLayerBytes, b => Assert.Equal(0, b));
        Assert.Equal(info.LayerBytes, info.DenseLayerBytes);
        Assert.Equal(SyntheticPresets.TinyQwen3.ParameterCount, info.ParameterCount);
    }
}
