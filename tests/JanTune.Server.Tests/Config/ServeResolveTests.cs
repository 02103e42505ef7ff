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
        Assert.Equal(2048, s.Config.ContextSize);
        Assert.Equal(4, s.Serving.Parallel);
        Assert.Equal(0, s.Config.GpuLayers);
        Assert.Equal(512, s.Config.BatchSize);
        Assert.Equal(256, s.Config.UBatchSize);
        Assert.Equal(FlashAttention.On, s.Config.FlashAttention);
        Assert.Equal(GgmlType.Q8_0, s.Config.EffectiveCacheTypeV);
        Assert.Equal("config model.yml: ctx_size", s.Origins["ctx"]);
        Assert.Contains(s.Describe(), l => l == "ctx per slot 2048 (config model.yml: ctx_size) (total 8192)");
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

    [Fact]
    public void Resolve_NoModelAnywhere_Errors()
    {
        Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(), null, new JanTunePaths(_root)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
