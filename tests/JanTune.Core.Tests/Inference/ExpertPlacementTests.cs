using System.Collections.Concurrent;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Native;

namespace JanTune.Core.Tests.Inference;

/// <summary>n_cpu_moe / cpu_moe reach llama.cpp as tensor buffer-type overrides, and its dry run predicts the load.</summary>
[Collection(EngineCollection.Name)]
public sealed class ExpertPlacementTests(EngineFixture engine)
{
    private readonly string _moe = new ModelStore(engine.Paths).Ensure(SyntheticPresets.TinyQwen3Moe, ModelQuantization.Q8_0);

    [Fact]
    public void Patterns_AreLlamaCppsExpertRegexPerLayer()
    {
        Assert.Equal([@"\.ffn_(up|down|gate|gate_up)_(ch|)exps"], ExpertPlacement.CpuOverridePatterns(true, 0));
        Assert.Equal([@"blk\.0\.ffn_(up|down|gate|gate_up)_(ch|)exps", @"blk\.1\.ffn_(up|down|gate|gate_up)_(ch|)exps"], ExpertPlacement.CpuOverridePatterns(false, 2));
        Assert.Empty(ExpertPlacement.CpuOverridePatterns(false, 0));
        Assert.True(GgufModelInfo.IsExpertTensor("blk.3.ffn_gate_exps.weight"));
        Assert.False(GgufModelInfo.IsExpertTensor("blk.3.ffn_gate_inp.weight"));
        Assert.False(GgufModelInfo.IsExpertTensor("blk.3.ffn_down_shexp.weight"));
    }

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(false, 2, 6)]
    [InlineData(false, 9, 12)]
    [InlineData(true, 0, 12)]
    public void Load_WithPlacement_LlamaCppOverridesExactlyThoseExpertTensors(bool cpuMoe, int cpuMoeLayers, int expectedOverrides)
    {
        // Given llama.cpp's log, which names every tensor whose buffer type an override changed
        var lines = new ConcurrentQueue<string>();
        var previous = NativeLog.Sink;
        NativeLog.Sink = (_, line) => lines.Enqueue(line);
        try
        {
            // When the 4-layer, 3-expert-tensors-per-layer MoE loads with the placement
            using var model = LlamaModel.Load(_moe, new ModelLoadOptions { CpuMoe = cpuMoe, CpuMoeLayers = cpuMoeLayers, UseMmap = false });
        }
        finally
        {
            NativeLog.Sink = previous;
        }

        // Then exactly the expert tensors of the chosen layers were overridden, to a CPU buffer type
        var overridden = lines.Where(l => l.Contains("buffer type overridden to", StringComparison.Ordinal)).ToList();
        Assert.Equal(expectedOverrides, overridden.Count);
        Assert.All(overridden, l => Assert.Matches(@"tensor blk\.\d+\.ffn_(gate|up|down)_exps\.weight .* buffer type overridden to CPU", l));
        var layers = overridden.Select(l => int.Parse(l.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, expectedOverrides / 3).ToList(), layers);
    }

    [Fact]
    public void Load_WithOverrideTensor_LlamaCppOverridesWhatThePatternsMatchAfterNCpuMoe()
    {
        // Given n_cpu_moe 1 and an -ot in --fit's style: all experts of layer 3, gate and down of layer 2
        var lines = new ConcurrentQueue<string>();
        var previous = NativeLog.Sink;
        NativeLog.Sink = (_, line) => lines.Enqueue(line);
        try
        {
            using var model = LlamaModel.Load(_moe, new ModelLoadOptions
            {
                CpuMoeLayers = 1, UseMmap = false,
                OverrideTensor = @"blk\.3\.ffn_(up|down|gate|gate_up)_(ch|)exps=CPU,blk\.2\.ffn_(gate|down)_exps=CPU",
            });
        }
        finally
        {
            NativeLog.Sink = previous;
        }

        // Then llama.cpp moved exactly those tensors: 3 of layer 0, 2 of layer 2, 3 of layer 3, none of layer 1
        var overridden = lines.Where(l => l.Contains("buffer type overridden to CPU", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"tensor (blk\.\d+\.ffn_\w+_exps)\.weight").Groups[1].Value)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["blk.0.ffn_down_exps", "blk.0.ffn_gate_exps", "blk.0.ffn_up_exps", "blk.2.ffn_down_exps", "blk.2.ffn_gate_exps",
             "blk.3.ffn_down_exps", "blk.3.ffn_gate_exps", "blk.3.ffn_up_exps"],
            overridden);
    }

    [Theory]
    [InlineData(false, 0, true)]
    [InlineData(false, 2, true)]
    [InlineData(true, 0, false)]
    public void DryRun_WithPlacement_MatchesTheRealLoadPerBufferType(bool cpuMoe, int cpuMoeLayers, bool repack)
    {
        var load = new ModelLoadOptions { CpuMoe = cpuMoe, CpuMoeLayers = cpuMoeLayers, WeightRepack = repack, UseMmap = false };
        var context = EngineFixture.OneThread(ctx: 1024);

        var dry = DryRunMemory.Measure(_moe, load, context);
        using var model = LlamaModel.Load(_moe, load);
        using var real = model.CreateContext(context);
        var measured = real.MemoryBreakdown();

        // Within 5% per buffer type (the acceptance bar); in practice llama.cpp predicts its own allocations exactly
        Assert.Equal(measured.Select(b => b.BufferType).Order(), dry.Buffers.Select(b => b.BufferType).Order());
        foreach (var m in measured)
        {
            var d = dry.Buffers.Single(b => b.BufferType == m.BufferType);
            Assert.InRange(d.TotalBytes, m.TotalBytes * 0.95, m.TotalBytes * 1.05);
        }

        // And the weights are the whole file's tensors, experts included, wherever they went
        Assert.InRange(dry.Buffers.Sum(b => b.ModelBytes), model.SizeBytes, model.SizeBytes * 11 / 10);
    }
}
