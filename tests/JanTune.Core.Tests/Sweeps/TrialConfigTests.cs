using System.Text.Json;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Tests.Sweeps;

public sealed class TrialConfigTests
{
    // A configuration as the store held it before ThreadsBatch, CacheTypeV and UseMmap existed.
    private const string StoredBefore = """
        {"backend":"cpu","modelPath":"/m/tiny.gguf","quant":"q4_0","gpuLayers":0,"threads":2,"batchSize":2048,"uBatchSize":512,
         "contextSize":1024,"flashAttention":"auto","cacheType":"q8_0","weightRepack":false,"splitMode":"layer","tensorSplit":""}
        """;

    [Fact]
    public void Key_StoredBeforeNewAxes_IsUnchanged()
    {
        var config = JsonSerializer.Deserialize<TrialConfig>(StoredBefore, SweepJson.Options)!;

        Assert.Equal("cpu|/m/tiny.gguf|0|norepack|Layer||1024|2048|512|Auto|Q8_0|t2", config.Key);
        Assert.Equal(GgmlType.Q8_0, config.EffectiveCacheTypeV);
        Assert.True(config.UseMmap);
    }

    [Fact]
    public void Key_NonDefaultNewAxes_AreDistinctConfigurations()
    {
        var config = JsonSerializer.Deserialize<TrialConfig>(StoredBefore, SweepJson.Options)!;

        var keys = new[] { config, config with { ThreadsBatch = 1 }, config with { CacheTypeV = GgmlType.F16 }, config with { UseMmap = false } }.Select(c => c.Key);

        Assert.Equal(4, keys.Distinct().Count());
        Assert.Equal(config.Key, (config with { ThreadsBatch = 2, CacheTypeV = GgmlType.Q8_0 }).Key); // equal to the defaults they spell out
    }

    [Fact]
    public void Key_Threadpool_DefaultKeepsTheKeyAndEachSettingIsDistinct()
    {
        // Given a stored configuration and the same one with llama.cpp's default threadpool spelled out
        var config = JsonSerializer.Deserialize<TrialConfig>(StoredBefore, SweepJson.Options)!;
        var spelled = config with { Threadpool = Native.CpuThreadpoolSettings.Default };

        // When each threadpool setting differs in turn
        var keys = new[]
        {
            config, config with { Threadpool = new() { Poll = 0 } }, config with { Threadpool = new() { CpuMask = "0x3" } },
            config with { Threadpool = new() { StrictCpu = true } }, config with { Threadpool = new() { Priority = Native.Interop.GgmlSchedPriority.High } },
        }.Select(c => c.Key);

        // Then the default neither changes the key nor is written, and each setting is its own configuration
        Assert.Equal(config.Key, spelled.Key);
        Assert.DoesNotContain("threadpool", JsonSerializer.Serialize(config, SweepJson.Options), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, keys.Distinct().Count());
        var poll0 = config with { Threadpool = new() { Poll = 0 } };
        Assert.Equal(poll0, JsonSerializer.Deserialize<TrialConfig>(JsonSerializer.Serialize(poll0, SweepJson.Options), SweepJson.Options));
        Assert.Equal(0, poll0.ToContextOptions().Threadpool.Poll);
    }

    [Fact]
    public void ToContextOptions_Slots_GivesEachSlotTheContextAndMapsEveryField()
    {
        var config = new TrialConfig
        {
            Backend = "cuda", ModelPath = "m.gguf", Quant = "q4_0", GpuLayers = 12, Threads = 3, ThreadsBatch = 5, BatchSize = 256, UBatchSize = 64, ContextSize = 1024,
            FlashAttention = FlashAttention.On, CacheType = GgmlType.Q8_0, CacheTypeV = GgmlType.Q4_0, WeightRepack = false, UseMmap = false, SplitMode = SplitMode.Row, TensorSplit = "3,1",
        };

        var ctx = config.ToContextOptions(slots: 4, kvUnified: true);
        var load = config.ToModelLoadOptions();

        Assert.Equal((4096, 4, true, 256, 64, 3, 5), (ctx.ContextSize, ctx.MaxSequences, ctx.KvUnified, ctx.BatchSize, ctx.UBatchSize, ctx.Threads, ctx.ThreadsBatch));
        Assert.Equal((FlashAttention.On, GgmlType.Q8_0, GgmlType.Q4_0), (ctx.FlashAttention, ctx.TypeK, ctx.TypeV));
        Assert.Equal((12, false, false, SplitMode.Row), (load.GpuLayers, load.WeightRepack, load.UseMmap, load.SplitMode));
        Assert.Equal([3f, 1f], load.TensorSplit);
    }
}
