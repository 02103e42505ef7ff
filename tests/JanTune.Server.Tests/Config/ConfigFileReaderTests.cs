using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using JanTune.Core;
using JanTune.Server.Config;

namespace JanTune.Server.Tests.Config;

public sealed class ConfigFileReaderTests : IDisposable
{
    [Fact]
    public void ParseYaml_OlderJanModelYml_ReadsKnownKeysAndIgnoresOthers()
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
              temperature: 0.7
            """;

        var s = ConfigFileReader.ParseYaml(Yaml);

        Assert.Equal("tiny.gguf", s.ModelPath);
        Assert.Equal(0, s.Config.GpuLayers);
        Assert.Equal(2048, s.Config.ContextSize);
        Assert.Equal(2, s.Config.Threads);
        Assert.Equal(4, s.Config.ThreadsBatch);
        Assert.Equal(512, s.Config.BatchSize);
        Assert.Equal(256, s.Config.UBatchSize);
        Assert.Equal(FlashAttention.On, s.Config.FlashAttention);
        Assert.Equal(GgmlType.Q8_0, s.Config.CacheType);
        Assert.Equal(GgmlType.F16, s.Config.CacheTypeV);
        Assert.Equal(3, s.Parallel);
        Assert.All(["GpuLayers", "ContextSize", "Threads", "ThreadsBatch", "BatchSize", "UBatchSize", "FlashAttention", "CacheType", "CacheTypeV"], p => Assert.True(s.Sets(p), p));
        Assert.All(["SplitMode", "TensorSplit", "UseMmap", "WeightRepack"], p => Assert.False(s.Sets(p), p)); // not in the file: serve keeps its base value
        Assert.Equal("model.yml: ctx_size", s.Origin("ContextSize"));
        Assert.Equal(["something_new", "temperature"], s.NotApplied);
    }

    [Theory]
    [InlineData("ctx_size: big", "ctx_size")]
    [InlineData("threads: 2.5", "threads")]
    [InlineData("flash_attn: maybe", "flash_attn")]
    [InlineData("cache_type_k: q3_weird", "cache_type_k")]
    [InlineData("cache_type_k: 8", "cache_type_k")]
    [InlineData("n_gpu_layers: [1, 2]", "n_gpu_layers")]
    public void ParseYaml_WrongType_ThrowsNamingTheKey(string yaml, string key)
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml(yaml));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_NotYaml_ThrowsJanTuneException()
    {
        Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml("a: [unclosed"));
        Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml("- just\n- a list"));
    }

    private readonly string _root = Directory.CreateTempSubdirectory("jantune-config-").FullName;
    private readonly AtomicFileWriter _writer = new(TimeProvider.System);

    /// <summary>A tuned configuration unlike every default, so a value lost on the way shows.</summary>
    private ExportRequest Tuned => new()
    {
        Config = new TrialConfig
        {
            Backend = "cpu", ModelPath = Path.Combine(_root, "tiny.gguf"), Quant = "q4_0", Threads = 3, ContextSize = 2048, BatchSize = 256, UBatchSize = 128,
            FlashAttention = FlashAttention.Off, CacheType = GgmlType.Q8_0, WeightRepack = false, UseMmap = false,
        },
        ModelName = "tiny",
        Parallel = 2,
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_JanModelYmlWithRelativePath_ResolvesItAgainstJansDataFolder()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "llamacpp", "models", "huggingface", "tiny")).FullName;
        var yml = Path.Combine(dir, "model.yml");
        File.WriteAllText(yml, "model_path: llamacpp/models/huggingface/tiny/model.gguf\nname: tiny\nn_gpu_layers: -1\nctx_size: 0\ncache_type_k: iq4_nl\ncache_type_v: bf16\nflash_attn: auto\n");

        var s = ConfigFileReader.Read(yml);

        Assert.Equal(Path.Combine(dir, "model.gguf"), s.ModelPath);
        Assert.Equal(-1, s.Config.GpuLayers);
        Assert.Equal(0, s.Config.ContextSize);
        Assert.Equal(GgmlType.IQ4_NL, s.Config.CacheType);
        Assert.Equal(GgmlType.BF16, s.Config.CacheTypeV);
        Assert.Equal(FlashAttention.Auto, s.Config.FlashAttention);
    }

    [Theory]
    [InlineData("cont_batching: false", "cont_batching")]
    [InlineData("n_cpu_moe: -2", "n_cpu_moe")]
    [InlineData("cpu_moe: maybe", "cpu_moe")]
    [InlineData("override_tensor: exps=CPU", "override_tensor")]
    [InlineData("embedding: true", "embedding")]
    [InlineData("mlock: true", "mlock")]
    [InlineData("split_mode: diagonal", "split_mode")]
    public void ParseYaml_KeyServeCannotApply_ThrowsNamingItAndWhatToDo(string yaml, string key)
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml("model_path: /m.gguf\n" + yaml));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Hint is not null || ex.Message.Contains("must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("jan")]
    [InlineData("llama-server")]
    [InlineData("ollama")]
    [InlineData("cortex")]
    public void Read_JanTunesOwnExport_YieldsTheTunedValues(string format)
    {
        var outDir = Path.Combine(_root, format);
        var file = ConfigExporters.Get(format).Export(Tuned, outDir, _writer).Files[0];

        var s = ConfigFileReader.Read(file);

        Assert.Equal(Tuned.Config.ModelPath, s.ModelPath);
        Assert.Equal(2048, s.Config.ContextSize);
        Assert.Equal(0, s.Config.GpuLayers);
        Assert.Equal(2, s.Parallel);
        if (format == "cortex")
        {
            Assert.Equal(3, s.Config.Threads);
            return;
        }

        Assert.Equal(GgmlType.Q8_0, s.Config.CacheType);
        Assert.Equal(GgmlType.Q8_0, s.Config.CacheTypeV);
        Assert.Equal(FlashAttention.Off, s.Config.FlashAttention);
        Assert.Equal(128, s.Config.UBatchSize);
        Assert.Equal(format == "ollama" ? 128 : 256, s.Config.BatchSize);
        if (format != "jan")
        {
            Assert.Equal(3, s.Config.Threads);
            Assert.False(s.Config.UseMmap);
        }

        if (format == "llama-server")
        {
            Assert.Equal(3, s.Config.ThreadsBatch);
            Assert.False(s.Config.WeightRepack);
            Assert.False(s.KvUnified);
            Assert.Equal("llama-server.sh: -c / -np", s.Origin("ContextSize"));
        }
    }

    [Fact]
    public void ParseLlamaServer_FlagServeCannotApply_ThrowsNamingIt()
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseLlamaServer("exec llama-server -m /m.gguf --lora x.gguf"));

        Assert.Contains("--lora", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLlamaServer_UnifiedKv_KeepsTheWholeContextPerSlot()
    {
        var s = ConfigFileReader.ParseLlamaServer("exec llama-server -m '/my models/m.gguf' -c 8192 -np 4 -kvu -ngl all");

        Assert.Equal("/my models/m.gguf", s.ModelPath);
        Assert.Equal(8192, s.Config.ContextSize);
        Assert.True(s.KvUnified);
        Assert.Equal(-1, s.Config.GpuLayers);
    }
}
