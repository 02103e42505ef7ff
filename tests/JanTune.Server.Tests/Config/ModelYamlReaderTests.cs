using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Server.Config;

namespace JanTune.Server.Tests.Config;

public sealed class ModelYamlReaderTests
{
    [Fact]
    public void Parse_JanModelYml_ReadsKnownKeysAndIgnoresOthers()
    {
        const string Yaml = """
            id: tiny-q4
            name: Tiny
            engine: llama-cpp
            model_path: tiny.gguf
            stop: ["<|im_end|>"]
            settings:
              n_gpu_layers: 0
              ctx_size: 2048
              threads: 2
              threads_batch: 4
              batch_size: 512
              ubatch_size: 256
              flash_attn: true
              cache_type_k: q8_0
              cache_type_v: f16
              parallel: 3
              something_new: {nested: 1}
            """;

        var s = ModelYamlReader.Parse(Yaml);

        Assert.Equal("tiny.gguf", s.ModelPath);
        Assert.Equal(0, s.GpuLayers);
        Assert.Equal(2048, s.ContextSize);
        Assert.Equal(2, s.Threads);
        Assert.Equal(4, s.ThreadsBatch);
        Assert.Equal(512, s.BatchSize);
        Assert.Equal(256, s.UBatchSize);
        Assert.Equal(FlashAttention.On, s.FlashAttention);
        Assert.Equal(KvCacheType.Q8_0, s.CacheTypeK);
        Assert.Equal(KvCacheType.F16, s.CacheTypeV);
        Assert.Equal(3, s.Parallel);
    }

    [Theory]
    [InlineData("ctx_size: big", "ctx_size")]
    [InlineData("threads: 2.5", "threads")]
    [InlineData("flash_attn: maybe", "flash_attn")]
    [InlineData("cache_type_k: q3_weird", "cache_type_k")]
    [InlineData("cache_type_k: 8", "cache_type_k")]
    [InlineData("n_gpu_layers: [1, 2]", "n_gpu_layers")]
    public void Parse_WrongType_ThrowsNamingTheKey(string yaml, string key)
    {
        var ex = Assert.Throws<JanTuneException>(() => ModelYamlReader.Parse(yaml));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_ThrowsJanTuneException()
    {
        Assert.Throws<JanTuneException>(() => ModelYamlReader.Parse("a: [unclosed"));
        Assert.Throws<JanTuneException>(() => ModelYamlReader.Parse("- just\n- a list"));
    }
}
