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
        Assert.Equal(FlashAttention.Auto, s.Config.FlashAttention); // a YAML boolean: Jan's preset.ts passes only "on" / "off"
        Assert.Equal("model.yml: flash_attn true is a boolean, which Jan does not pass to llama.cpp (only \"on\" / \"off\"), so auto", s.Origin("FlashAttention"));
        Assert.Equal(GgmlType.Q8_0, s.Config.CacheType);
        Assert.Equal(GgmlType.F16, s.Config.CacheTypeV);
        Assert.Equal(3, s.Parallel);
        Assert.True(s.SharedContext);
        Assert.True(s.KvUnified);
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

    /// <summary>Inputs afl-fuzz found (scripts/fuzz.sh, target serve-config): YamlDotNet threw ArgumentException or InvalidOperationException, a crash.</summary>
    [Theory]
    [InlineData("202020203a2001")]
    [InlineData("2320030a6e616d653a2054345f300a696f6e3a20310a656ee7696e653a206c0a66696c65733a0a2d202f6d6775660a6174653a20203c7c3e0a73746f703a0a2d203c2f733e0a6374785f6c656e3a205b3139320a6e676c3a2032330a6370755f7468726561645c442032ee6e5f706172616c6c65743a20310a7465653a20302e380a743a20302e39350a746f705f6b3a2034300a6d696e5f703a340a66726574793a20300a707274793a20300a6d613a20323034640a73747265616d3a2074")]
    [InlineData("0a69643a20310a6e203c7c3ecd733ecd73746f703a0a2d203c3c0a653a1c700866697c6573776f703a0a2d203a20203c3a1c700866697c65733a0a2d202fffffff7f3a203e2d0a0b203c7c3ecd73746f703a0a2d203c300a76659e3a0a666a6c65733a0a2d202f0affff4a3c3c0a657c3e0a73746f203a0a2d203c2f733e0a6374785f6c656e3a")]
    public void ParseYaml_FuzzFoundEventSequence_ThrowsJanTuneException(string hex)
    {
        // Given YAML text whose events YamlDotNet's node model cannot build
        var yaml = System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex));

        // When it is read, Then the failure is a JanTuneException saying the file is not valid YAML
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml(yaml));
        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
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
    [InlineData("override_tensor: exps=CUDA0", "override_tensor")]
    [InlineData("override_tensor: exps", "override_tensor")]
    [InlineData("override_tensor: \"blk\\\\.(0=CPU\"", "override_tensor")]
    [InlineData("embedding: true", "embedding")]
    [InlineData("mlock: true", "mlock")]
    [InlineData("split_mode: diagonal", "split_mode")]
    [InlineData("chat_template: \"{% for m in messages %}{{ m.content }}{% endfor %}\"", "chat_template")]
    public void ParseYaml_KeyServeCannotApply_ThrowsNamingItAndWhatToDo(string yaml, string key)
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseYaml("model_path: /m.gguf\n" + yaml));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Hint is not null || ex.Message.Contains("must be", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseYaml_OverrideTensorToCpu_IsApplied()
    {
        // What llama-fit-params prints for --fit's placement, as Jan's model.yml carries it
        var s = ConfigFileReader.ParseYaml("model_path: /m.gguf\noverride_tensor: \"blk\\\\.27\\\\.ffn_(gate|gate_up|down).*=CPU,blk\\\\.28\\\\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU\"\n");

        Assert.Equal(@"blk\.27\.ffn_(gate|gate_up|down).*=CPU,blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU", s.Config.OverrideTensor);
        Assert.Equal([@"blk\.27\.ffn_(gate|gate_up|down).*", @"blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps"], TensorOverrides.CpuPatterns(s.Config.OverrideTensor));
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
    public void ParseYaml_JanModelYmlWithoutCtxSize_ReadsTheModelsTrainedContextAndSaysWhy()
    {
        // Given a model.yml as Jan's import writes it: no ctx_size
        var s = ConfigFileReader.ParseYaml("model_path: /m.gguf\nname: m\nsize_bytes: 1\n");

        // Then the context is llama.cpp's 0 (the model's trained context), as Jan runs it, and the origin says so
        Assert.True(s.Sets("ContextSize"));
        Assert.Equal(0, s.Config.ContextSize);
        Assert.Equal("model.yml: no ctx_size, so the model's trained context, as Jan runs it", s.Origin("ContextSize"));
    }

    [Fact]
    public void ParseYaml_CortexModelYmlWithoutCtxLen_KeepsServesDefault()
    {
        var s = ConfigFileReader.ParseYaml("engine: llama-cpp\nfiles:\n- /m.gguf\nngl: 0\n");

        Assert.False(s.Sets("ContextSize"));
        Assert.False(s.SharedContext);
    }

    [Theory]
    [InlineData("n_gpu_layers: -1", true)]
    [InlineData("n_gpu_layers: 999", false)]
    public void ParseYaml_GpuLayersMinusOne_IsMarkedAutoNotAll(string line, bool auto)
    {
        var s = ConfigFileReader.ParseYaml("model_path: /m.gguf\n" + line + "\n");

        Assert.Equal(auto, s.GpuLayersAuto);
    }

    [Theory]
    [InlineData("-dev CUDA0", "cuda")]
    [InlineData("--device Vulkan0,Vulkan1", "vulkan")]
    [InlineData("-dev none", "cpu")]
    public void ParseLlamaServer_Device_IsTheBackendAndSaysWhereItCameFrom(string flag, string backend)
    {
        var s = ConfigFileReader.ParseLlamaServer($"exec llama-server -m /m.gguf -ngl 99 {flag}");

        Assert.Equal(backend, s.Config.Backend);
        Assert.StartsWith("llama-server.sh: -", s.Origin("Backend"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-dev CUDA1", "CUDA_VISIBLE_DEVICES")]
    [InlineData("-dev ROCm0", "cpu, cuda")]
    [InlineData("-dev CUDA0,Vulkan0", "one backend")]
    public void ParseLlamaServer_DeviceServeCannotRun_ThrowsNamingItAndWhatToDo(string flag, string said)
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseLlamaServer($"exec llama-server -m /m.gguf {flag}"));

        Assert.Contains("-dev", ex.Message, StringComparison.Ordinal);
        Assert.Contains(said, ex.Message + " " + ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JanSettingsDevice_IsTheBackend()
    {
        // Given a model.yml in Jan's data folder whose engine settings name a Vulkan device
        var dir = Directory.CreateDirectory(Path.Combine(_root, "llamacpp", "models", "m")).FullName;
        File.WriteAllText(Path.Combine(_root, "llamacpp", "settings.json"), """[{"key":"device","controllerProps":{"value":"Vulkan0"}}]""");
        var yml = Path.Combine(dir, "model.yml");
        File.WriteAllText(yml, "model_path: /m.gguf\nn_gpu_layers: 20\nctx_size: 1024\n");

        // When it is read
        var s = ConfigFileReader.Read(yml);

        // Then the backend is Vulkan, from settings.json
        Assert.Equal("vulkan", s.Config.Backend);
        Assert.Equal("settings.json: device Vulkan0", s.Origin("Backend"));
    }

    [Fact]
    public void ParseLlamaServer_ThreadpoolExport_ReadsBackTheOnePoolJanTuneMeasured()
    {
        // Given the llama-server script JanTune writes for a non-default CPU threadpool
        var config = new TrialConfig
        {
            Backend = "cpu", ModelPath = "/m.gguf", Quant = "q4_0", Threads = 4,
            Threadpool = new() { Poll = 0, CpuMask = "0xf0", StrictCpu = true, Priority = JanTune.Native.Interop.GgmlSchedPriority.High },
        };
        var script = "exec llama-server " + string.Join(' ', LlamaServerExporter.Arguments(new ExportRequest { Config = config, ModelName = "m" }));

        // When serve reads it
        var s = ConfigFileReader.ParseLlamaServer(script);

        // Then the pool is the measured one and its origin names the flags
        Assert.Equal(config.Threadpool, s.Config.Threadpool);
        Assert.Contains("--poll 0", s.Origin(nameof(TrialConfig.Threadpool)), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLlamaServer_BatchPoolDiffers_ThrowsNamingBothFlags()
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigFileReader.ParseLlamaServer("exec llama-server -m /m.gguf --poll 0 --poll-batch 50"));

        Assert.Contains("--poll-batch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--poll", ex.Hint ?? ex.Message, StringComparison.Ordinal);
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
