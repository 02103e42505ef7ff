using JanTune.Cli.Commands;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;
using JanTune.Core;
using JanTune.Server.Threads;

namespace JanTune.Server.Tests.Config;

public sealed class ServeResolveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("jantune-serve-").FullName;

    private static ServeCommand.ServeFlags Flags(string? model = null, string? config = null, string? profile = null, int? threads = null) =>
        new(model, config, profile, "127.0.0.1", 1337, null, null, 16, null, threads, ThreadsMode.Fixed, null, [], [], true);

    [Fact]
    public void Resolve_UnknownProfile_ErrorsWithWhatToRun()
    {
        var ex = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(profile: "nope"), null, new JanTunePaths(_root)));

        Assert.Equal("no recommendation stored for profile nope; run jantune sweep and jantune recommend", ex.Message);
    }

    [Fact]
    public void Resolve_ThreadpoolFlagsOverProfile_LayerFieldByFieldAndSayWhere()
    {
        // Given a profile measured with poll 0 on CPUs 0-3
        var paths = new JanTunePaths(_root);
        new RecommendedConfig
        {
            ProfileId = "pool",
            Config = new TrialConfig { Backend = "cpu", ModelPath = "/m/model.gguf", Quant = "q4_0", Threads = 4, Threadpool = new() { Poll = 0, CpuMask = "0xf" } },
        }.Save(paths);

        // When serve is given only a priority
        var (s, _) = ServeCommand.Resolve(Flags(profile: "pool") with { Priority = 2 }, null, paths);

        // Then the profile's poll and mask stay, the priority is the flag's, and the log says the flag set it
        Assert.Equal(new JanTune.Native.CpuThreadpoolSettings { Poll = 0, CpuMask = "0xf", Priority = JanTune.Native.Interop.GgmlSchedPriority.High }, s.Config.Threadpool);
        Assert.Contains("cpu threadpool poll 0, mask 0xf, strict 0, prio 2 (flag --prio 2)", s.Describe());
        Assert.Equal(2, (int)s.ToContextOptions().Threadpool.Priority);
        var bad = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(profile: "pool") with { Priority = 7 }, null, paths));
        Assert.Contains("--prio 7", bad.Message, StringComparison.Ordinal);
        Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(profile: "pool") with { CpuMask = "0xzz" }, null, paths));
    }

    [Fact]
    public void Resolve_ProfileThenFlags_FlagsWinAndEveryKnobIsApplied()
    {
        var paths = new JanTunePaths(_root);
        new RecommendedConfig
        {
            ProfileId = "box",
            Parallel = 2,
            Config = new TrialConfig { Backend = "cpu", ModelPath = "/m/model.gguf", Quant = "q4_0", Threads = 6, ContextSize = 1024, BatchSize = 256, UBatchSize = 128, CacheType = GgmlType.Q8_0, FlashAttention = FlashAttention.On },
            ThreadScaling = new Dictionary<int, double> { [2] = 10, [6] = 20 },
        }.Save(paths);

        var (s, backend) = ServeCommand.Resolve(Flags(profile: "box", threads: 3), null, paths);

        Assert.Equal("cpu", backend);
        Assert.Equal("/m/model.gguf", s.ModelPath);
        Assert.Equal(3, s.Config.Threads);
        Assert.Equal(2, s.Serving.Parallel);
        Assert.Equal(1024, s.Config.ContextSize);
        Assert.Equal(256, s.Config.BatchSize);
        Assert.Equal(128, s.Config.UBatchSize);
        Assert.Equal(GgmlType.Q8_0, s.Config.CacheType);
        Assert.Equal(FlashAttention.On, s.Config.FlashAttention);
        Assert.Equal(20, s.ThreadScaling![6]);
        Assert.Contains("profile box", s.Source, StringComparison.Ordinal);
        Assert.Contains(s.Describe(), l => l.Contains("cache_type_k q8_0", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_ConfigWithRelativeModelPath_ResolvesNextToTheConfig()
    {
        var yml = Path.Combine(_root, "model.yml");
        File.WriteAllText(yml, "model_path: tiny.gguf\nctx_size: 777\n");

        var (s, _) = ServeCommand.Resolve(Flags(config: yml), null, new JanTunePaths(_root));

        Assert.Equal(Path.Combine(_root, "tiny.gguf"), s.ModelPath);
        Assert.Equal(777, s.Config.ContextSize);
    }

    [Theory]
    [InlineData("llama-server.sh", "exec llama-server -m /m.gguf --n-cpu-moe 12 --fit off", 12, false, "llama-server.sh: --n-cpu-moe")]
    [InlineData("llama-server.sh", "exec llama-server -m /m.gguf -cmoe --fit off", 0, true, "llama-server.sh: -cmoe")]
    [InlineData("model.yml", "model_path: /m.gguf\nn_cpu_moe: 7\n", 7, false, "model.yml: n_cpu_moe")]
    [InlineData("model.yml", "model_path: /m.gguf\ncpu_moe: true\n", 0, true, "model.yml: cpu_moe")]
    public void Resolve_ConfigWithExpertPlacement_AppliesItAndSaysWhereItCameFrom(string name, string text, int layers, bool all, string origin)
    {
        var file = Path.Combine(_root, name);
        File.WriteAllText(file, text);

        var (s, _) = ServeCommand.Resolve(Flags(config: file), null, new JanTunePaths(_root));

        Assert.Equal(layers, s.Config.CpuMoeLayers);
        Assert.Equal(all, s.Config.CpuMoe);
        Assert.EndsWith(origin, s.Origins[all ? "cpu_moe" : "n_cpu_moe"], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NCpuMoeFlag_WinsOverTheConfig()
    {
        var yml = Path.Combine(_root, "model.yml");
        File.WriteAllText(yml, "model_path: /m.gguf\nn_cpu_moe: 7\n");

        var (s, _) = ServeCommand.Resolve(Flags(config: yml) with { CpuMoeLayers = 3 }, null, new JanTunePaths(_root));

        Assert.Equal(3, s.Config.CpuMoeLayers);
        Assert.Equal("flag --n-cpu-moe", s.Origins["n_cpu_moe"]);
    }

    [Fact]
    public void Resolve_OverrideTensor_FromTheScriptThenTheFlag_ReachesTheModelLoad()
    {
        // Given a llama-server script carrying --fit's placement as -ot
        var script = Path.Combine(_root, "llama-server.sh");
        File.WriteAllText(script, "exec llama-server -m /m.gguf -ot 'blk\\.3\\.ffn_(up|down|gate)_exps=CPU' --fit off\n");

        // When serve resolves it, alone and under a flag
        var (fromScript, _) = ServeCommand.Resolve(Flags(config: script), null, new JanTunePaths(_root));
        var (fromFlag, _) = ServeCommand.Resolve(Flags(config: script) with { OverrideTensor = @"blk\.0\.ffn_up_exps=CPU" }, null, new JanTunePaths(_root));

        // Then the load options carry it, and the startup log says where it came from
        Assert.Equal(@"blk\.3\.ffn_(up|down|gate)_exps=CPU", fromScript.ToModelLoadOptions().OverrideTensor);
        Assert.EndsWith("llama-server.sh: -ot", fromScript.Origins["override_tensor"], StringComparison.Ordinal);
        Assert.Equal(@"blk\.0\.ffn_up_exps=CPU", fromFlag.ToModelLoadOptions().OverrideTensor);
        Assert.Equal("flag --override-tensor", fromFlag.Origins["override_tensor"]);
    }

    [Fact]
    public void Resolve_OverrideTensorToAGpuBuffer_IsRejectedBeforeLoading()
    {
        var ex = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(model: "/m.gguf") with { OverrideTensor = "exps=CUDA0" }, null, new JanTunePaths(_root)));
        Assert.Contains("=CPU", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NegativeNCpuMoe_IsRejected()
    {
        var ex = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(model: "/m.gguf") with { CpuMoeLayers = -1 }, null, new JanTunePaths(_root)));
        Assert.Contains("--n-cpu-moe -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_JanModelYmlFromExport_ServesTheTunedContextAndSaysWhereItCameFrom()
    {
        var model = Path.Combine(_root, "tiny.gguf");
        var request = new ExportRequest
        {
            Config = new TrialConfig { Backend = "cpu", ModelPath = model, Quant = "q4_0", Threads = 2, ContextSize = 2048, BatchSize = 512, UBatchSize = 256, CacheType = GgmlType.Q8_0, FlashAttention = FlashAttention.On },
            ModelName = "tiny",
            Parallel = 4,
        };
        var yml = new JanExporter().Export(request, Path.Combine(_root, "jan"), new AtomicFileWriter(TimeProvider.System)).Files[0];

        var (s, _) = ServeCommand.Resolve(Flags(config: yml), null, new JanTunePaths(_root));

        Assert.Equal(model, s.ModelPath);
        Assert.Equal(512, s.Config.ContextSize); // Jan shares ctx_size among its slots: 2048 in all, unified
        Assert.True(s.Serving.KvUnified);
        Assert.Equal(2048, s.ToContextOptions().ContextSize);
        Assert.Equal(4, s.Serving.Parallel);
        Assert.Equal(0, s.Config.GpuLayers);
        Assert.Equal(512, s.Config.BatchSize);
        Assert.Equal(256, s.Config.UBatchSize);
        Assert.Equal(FlashAttention.On, s.Config.FlashAttention);
        Assert.Equal(GgmlType.Q8_0, s.Config.EffectiveCacheTypeV);
        Assert.Equal("config model.yml: ctx_size, one KV cache of 2048 tokens shared by the 4 slots as in Jan", s.Origins["ctx"]);
        Assert.Contains(s.Describe(), l => l == "ctx 2048 shared by 4 slots (kv_unified: one request may use all of it) (config model.yml: ctx_size, one KV cache of 2048 tokens shared by the 4 slots as in Jan)");
        Assert.Contains(s.Describe(), l => l.StartsWith("parallel slots 4 (config model.yml: parallel; Jan adds 2 background slots of its own, serve runs these)", StringComparison.Ordinal));
        Assert.Contains(s.Describe(), l => l.StartsWith("threads ", StringComparison.Ordinal) && l.Contains("(default)", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_TypedFlags_OverrideTheProfileAndReachTheLoadOptions()
    {
        var paths = new JanTunePaths(_root);
        new RecommendedConfig
        {
            ProfileId = "gpu",
            Config = new TrialConfig { Backend = "cuda", ModelPath = "/m/model.gguf", Quant = "q4_0", GpuLayers = 33, SplitMode = SplitMode.Layer, TensorSplit = "1,1" },
        }.Save(paths);
        var flags = Flags(profile: "gpu") with { Flash = FlashAttention.Off, CacheK = GgmlType.Q4_0, Split = SplitMode.None, TensorSplit = "3,1" };

        var (s, backend) = ServeCommand.Resolve(flags, null, paths);

        Assert.Equal("cuda", backend);
        Assert.Equal(FlashAttention.Off, s.Config.FlashAttention);
        Assert.Equal(GgmlType.Q4_0, s.Config.CacheType);
        Assert.Equal(GgmlType.Q4_0, s.Config.EffectiveCacheTypeV);
        var load = s.ToModelLoadOptions();
        Assert.Equal(SplitMode.None, load.SplitMode);
        Assert.Equal([3f, 1f], load.TensorSplit);
        Assert.Equal(33, load.GpuLayers);
        Assert.Equal("flag --split-mode", s.Origins["split_mode"]);
        Assert.Equal("profile gpu", s.Origins["n_gpu_layers"]);
    }

    [Theory]
    [InlineData("model.yml", "model_path: /m.gguf\nn_gpu_layers: 999\nctx_size: 1024\n", "n_gpu_layers 999 (config model.yml: n_gpu_layers)")]
    [InlineData("llama-server.sh", "exec llama-server -m /m.gguf -ngl 999 -c 1024 --fit off", "n_gpu_layers 999 (config llama-server.sh: -ngl)")]
    public void Resolve_ConfigWithGpuLayersNoBackendGpuBackendInstalled_ErrorsNamingTheSettingAndTheFix(string name, string text, string said)
    {
        // Given a GPU export served with --config and no --backend, on a machine with a GPU backend installed
        var file = Path.Combine(_root, name);
        File.WriteAllText(file, text);

        // When it is resolved
        var ex = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(config: file), null, new JanTunePaths(_root), ["cpu", "cuda", "vulkan"]));

        // Then it refuses to run it on the CPU without a word, naming the setting and both fixes
        Assert.StartsWith(said + " asks for GPU layers, but nothing names a backend", ex.Message, StringComparison.Ordinal);
        Assert.Equal("pass --backend cuda|vulkan (installed here) to offload them, or --ngl 0 to run on the CPU", ex.Hint);
    }

    [Fact]
    public void Resolve_ConfigWithGpuLayersOnlyCpuInstalled_LogsThatTheLayersHaveNoEffect()
    {
        var yml = Path.Combine(_root, "model.yml");
        File.WriteAllText(yml, "model_path: /m.gguf\nn_gpu_layers: 33\nctx_size: 1024\n");

        var (s, backend) = ServeCommand.Resolve(Flags(config: yml), null, new JanTunePaths(_root), ["cpu"]);

        Assert.Equal("cpu", backend);
        Assert.Contains("warning: n_gpu_layers 33 (config model.yml: n_gpu_layers) has no effect on the cpu backend, the only one installed: every layer runs on the CPU", s.Describe());
    }

    [Fact]
    public void Resolve_LlamaServerScriptNamingADevice_ServesOnThatBackendAndSaysSo()
    {
        var sh = Path.Combine(_root, "llama-server.sh");
        File.WriteAllText(sh, "exec llama-server -m /m.gguf -ngl 999 -dev CUDA0 -c 1024 --fit off");

        var (s, backend) = ServeCommand.Resolve(Flags(config: sh), null, new JanTunePaths(_root), ["cpu", "cuda"]);

        Assert.Equal("cuda", backend);
        Assert.Contains("backend cuda (config llama-server.sh: -dev CUDA0)", s.Describe());
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void Resolve_JanAutoGpuLayersOnAGpuBackend_ErrorsNamingTheKeyUnlessNglIsGiven()
    {
        // Given a Jan model.yml with n_gpu_layers -1 (auto in Jan and llama.cpp)
        var yml = Path.Combine(_root, "model.yml");
        File.WriteAllText(yml, "model_path: /m.gguf\nn_gpu_layers: -1\nctx_size: 1024\n");
        var paths = new JanTunePaths(_root);

        // When it is served on a GPU backend, then with --ngl
        var ex = Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(config: yml), "cuda", paths, ["cpu", "cuda"]));
        var (s, _) = ServeCommand.Resolve(Flags(config: yml) with { Ngl = 20 }, "cuda", paths, ["cpu", "cuda"]);

        // Then auto is an error naming the key and the fix, and an explicit count is served
        Assert.StartsWith("model.yml: n_gpu_layers is -1, which Jan and llama.cpp read as auto", ex.Message, StringComparison.Ordinal);
        Assert.Equal("set it to a number of layers (`jantune recommend` finds the fastest that fits), or pass --ngl N", ex.Hint);
        Assert.Equal(20, s.Config.GpuLayers);
    }

    [Fact]
    public void Resolve_JanModelYmlWithoutCtxSize_ServesTheModelsTrainedContextAndSaysWhy()
    {
        var yml = Path.Combine(_root, "model.yml");
        File.WriteAllText(yml, "model_path: /m.gguf\nn_gpu_layers: 0\n");

        var (s, _) = ServeCommand.Resolve(Flags(config: yml), null, new JanTunePaths(_root), ["cpu"]);

        Assert.Equal(0, s.Config.ContextSize);
        Assert.Equal("config model.yml: no ctx_size, so the model's trained context, as Jan runs it", s.Origins["ctx"]);
    }

    [Fact]
    public void Resolve_NoModelAnywhere_Errors()
    {
        Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(), null, new JanTunePaths(_root)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
