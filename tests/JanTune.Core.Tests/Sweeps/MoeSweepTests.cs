using JanTune.Core.Sweeps.Worker;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using JanTune.Core.Sweeps.Tune;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>Expert placement as a sweep axis: planned where it matters, measured end to end on the tiny MoE.</summary>
public sealed class MoeSweepTests
{
    private const string MoeJson = """
        { "models": [{"preset": "tiny-qwen3moe"}], "quantizations": ["q8_0"], "backends": ["cpu"], "threads": [2],
          "n_cpu_moe": [0, 1, 2, 3, 4], "ctx": [512], "tests": ["pp64", "tg16"], "repetitions": 2, "warmup": 1 }
        """;

    [Fact]
    public async Task RunAsync_TinyMoeOnCpu_MeasuresEveryNCpuMoeValueWithItsOverride()
    {
        // Given a CPU sweep over n_cpu_moe 0..4 on the 4-layer tiny MoE
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(MoeJson);
        Assert.Equal(10, plan.Trials.Count);
        Assert.Contains(plan.Notes, n => n.Contains("cannot change speed or memory there", StringComparison.Ordinal));

        // When it runs (each trial in the worker process, through its dry run and load)
        var started = DateTime.UtcNow;
        var summary = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "moe" }).RunAsync(plan);

        // Then every placement was loaded and measured, and stored under its own identity
        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("moe");
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(TrialStatus.Ok, r.Status));
        Assert.All(rows, r => Assert.True(r.Stats!.Mean > 0));
        Assert.Equal([0, 1, 2, 3, 4], rows.Select(r => r.Config.CpuMoeLayers).Distinct().Order());
        Assert.Equal(10, rows.Select(r => r.Config.Key + r.Test.Name).Distinct().Count());
        Assert.Empty(summary.Skipped);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public void Plan_AutoOnCpu_LeavesTheAxisOutAndSaysWhy()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(MoeJson.Replace("\"n_cpu_moe\": [0, 1, 2, 3, 4], ", string.Empty, StringComparison.Ordinal));

        Assert.Equal(2, plan.Trials.Count);
        Assert.All(plan.Trials, t => Assert.False(t.Config.HasExpertPlacement));
        Assert.Contains(plan.Notes, n => n.Contains("n_cpu_moe not swept on the cpu backend", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_AutoOnGpu_SweepsPlacementOnlyWhereLayersAreOffloadedAndOnlyForMoe()
    {
        // Given a GPU backend, NGL 0 and all, a MoE and a dense model
        var spec = TuneFileParser.Parse("""
            { "models": [{"preset": "tiny-qwen3moe"}, {"preset": "tiny-qwen3"}], "quantizations": ["q8_0"], "backends": ["cuda"],
              "ngl": [0, 5], "threads": [2], "ctx": [512], "tests": ["tg16"] }
            """);
        using var ws = new SweepWorkspace();
        var plan = SweepPlanner.Plan(spec, SweepPlanner.ResolveModels(spec, ws.Paths), ["cuda"], 2);

        // Then the MoE gets n_cpu_moe 0..4 with its layers offloaded and none at NGL 0; the dense model none at all
        var moe = plan.Trials.Where(t => t.Model.IsMoe).ToList();
        Assert.Equal([0, 1, 2, 3, 4], moe.Where(t => t.Config.GpuLayers == 5).Select(t => t.Config.CpuMoeLayers).Order());
        Assert.Equal([0], moe.Where(t => t.Config.GpuLayers == 0).Select(t => t.Config.CpuMoeLayers));
        Assert.All(plan.Trials.Where(t => !t.Model.IsMoe), t => Assert.False(t.Config.HasExpertPlacement));
        Assert.Equal(2, plan.Trials.Count(t => !t.Model.IsMoe));
    }

    [Fact]
    public void ExpandCpuMoeLayers_AutoCoversZeroToLayers()
    {
        Assert.Equal([0, 12, 24, 36, 48], IntAxis.Auto.ExpandCpuMoeLayers(48));
        Assert.Equal([0, 1, 2, 3, 4], IntAxis.Auto.ExpandCpuMoeLayers(4));
        Assert.Equal([3, 48], IntAxis.Of(3, 99).ExpandCpuMoeLayers(48));
    }

    [Fact]
    public void TrialConfig_Placement_JoinsTheModelKeyOnlyWhenSet()
    {
        var plain = new TrialConfig { Backend = "cuda", ModelPath = "m.gguf", Quant = "q4_k_m", GpuLayers = 49 };
        var placed = plain with { CpuMoeLayers = 12 };

        Assert.DoesNotContain("moe", plain.ModelKey, StringComparison.Ordinal);
        Assert.EndsWith("|ncmoe12", placed.ModelKey, StringComparison.Ordinal);
        Assert.Equal(12, placed.ToModelLoadOptions().CpuMoeLayers);
        Assert.True((plain with { CpuMoe = true }).ToModelLoadOptions().CpuMoe);
        Assert.Contains(("n_cpu_moe", "12"), placed.Describe());
    }

    [Fact]
    public void Plan_OverrideTensor_IsAnAxisBesideNCpuMoe_KeyedAndStoredOnlyWhenSet()
    {
        // Given --fit's placement (as llama-fit-params prints it) and "none", beside two n_cpu_moe values, on a GPU
        const string fit = @"blk\.3\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU";
        var spec = TuneFileParser.Parse($$"""
            { "models": [{"preset": "tiny-qwen3moe"}], "quantizations": ["q8_0"], "backends": ["cuda"], "ngl": [5], "threads": [2],
              "ctx": [512], "tests": ["tg16"], "n_cpu_moe": [0, 2], "override_tensor": ["none", {{System.Text.Json.JsonSerializer.Serialize(fit)}}] }
            """);
        using var ws = new SweepWorkspace();
        var plan = SweepPlanner.Plan(spec, SweepPlanner.ResolveModels(spec, ws.Paths), ["cuda"], 2);

        // Then every pairing is planned, the override joins the key, and a config without one keys and stores as before
        Assert.Equal(4, plan.Trials.Count);
        var with = plan.Trials.Where(t => t.Config.OverrideTensor == fit).Select(t => t.Config).ToList();
        Assert.Equal([0, 2], with.Select(c => c.CpuMoeLayers).Order());
        Assert.All(with, c => Assert.EndsWith("|ot=" + fit, c.ModelKey, StringComparison.Ordinal));
        var without = plan.Trials.Single(t => t.Config.OverrideTensor is null && t.Config.CpuMoeLayers == 0).Config;
        Assert.DoesNotContain("ot=", without.ModelKey, StringComparison.Ordinal);
        Assert.DoesNotContain("overrideTensor", System.Text.Json.JsonSerializer.Serialize(without, SweepJson.Options), StringComparison.Ordinal);
        Assert.Equal(fit, with[0].ToModelLoadOptions().OverrideTensor);
    }

    [Fact]
    public void Parse_OverrideTensorToAnotherBufferType_IsAnErrorAtItsPath()
    {
        var ex = Assert.Throws<TuneFileException>(() => TuneFileParser.Parse("""{ "override_tensor": ["exps=CUDA0"] }"""));
        var error = ex.Errors.Single(e => e.Path == "override_tensor[0]");
        Assert.Contains("pattern=CPU", error.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpertLayersOnCpu_CountsNCpuMoeAndTheOverriddenLayersAmongTheOffloadedOnes()
    {
        var c = new TrialConfig { Backend = "cuda", ModelPath = "m.gguf", Quant = "q4_k_m", GpuLayers = 5, CpuMoeLayers = 1, OverrideTensor = @"blk\.3\.ffn_(gate|down)_exps=CPU,blk\.0\.ffn_up_exps=CPU" };

        Assert.Equal(2, JanTune.Core.Modeling.WeightPlacement.ExpertLayersOnCpu(c, layers: 4, gpuLayers: 4)); // layers 0 and 3
        Assert.Equal(1, JanTune.Core.Modeling.WeightPlacement.ExpertLayersOnCpu(c, layers: 4, gpuLayers: 2)); // only 2-3 offloaded
        Assert.Equal(4, JanTune.Core.Modeling.WeightPlacement.ExpertLayersOnCpu(c with { OverrideTensor = @"\.ffn_up_exps=CPU" }, layers: 4, gpuLayers: 4));
    }
}
