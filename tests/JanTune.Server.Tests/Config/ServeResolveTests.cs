using JanTune.Cli.Commands;
using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
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
            Config = new TrialConfig { Backend = "cpu", ModelPath = "/m/model.gguf", Quant = "q4_0", Threads = 6, ContextSize = 1024, BatchSize = 256, UBatchSize = 128, CacheType = KvCacheType.Q8_0, FlashAttention = FlashAttention.On },
            ThreadScaling = new Dictionary<int, double> { [2] = 10, [6] = 20 },
        }.Save(paths);

        var (s, backend) = ServeCommand.Resolve(Flags(profile: "box", threads: 3), null, paths);

        Assert.Equal("cpu", backend);
        Assert.Equal("/m/model.gguf", s.ModelPath);
        Assert.Equal(3, s.Threads);
        Assert.Equal(2, s.Parallel);
        Assert.Equal(1024, s.SlotContextSize);
        Assert.Equal(256, s.BatchSize);
        Assert.Equal(128, s.UBatchSize);
        Assert.Equal(KvCacheType.Q8_0, s.CacheTypeK);
        Assert.Equal(FlashAttention.On, s.FlashAttention);
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
        Assert.Equal(777, s.SlotContextSize);
    }

    [Fact]
    public void Resolve_NoModelAnywhere_Errors()
    {
        Assert.Throws<JanTuneException>(() => ServeCommand.Resolve(Flags(), null, new JanTunePaths(_root)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
