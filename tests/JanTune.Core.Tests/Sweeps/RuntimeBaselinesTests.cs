using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Baselines;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using JanTune.Core.Sweeps.Tune;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>What tuning bought: the runtimes' default configurations are planned, measured, stored, labelled and compared.</summary>
public sealed class RuntimeBaselinesTests
{
    private const string Grid = """
        { "models": [{"preset": "tiny"}], "quantizations": ["q4_0"], "backends": ["cpu"], "threads": [1],
          "repack": [true], "ctx": [1024], "n_batch": [512], "n_ubatch": [256], "tests": ["pp64", "tg16"], "repetitions": 2, "warmup": 1 }
        """;

    [Fact]
    public async Task Sweep_TinyModel_PlansStoresLabelsAndComparesEachRuntimesDefaults()
    {
        // Given a tiny grid sweep with the runtimes' defaults added for a 2-core machine without a GPU
        using var ws = new SweepWorkspace();
        var spec = TuneFileParser.Parse(Grid);
        var models = SweepPlanner.ResolveModels(spec, ws.Paths);
        var grid = SweepPlanner.Plan(spec, models, spec.Backends, 2);
        var plan = RuntimeBaselines.AddTo(grid, spec.Tests, models, spec.Backends, new MachineDefaults(MathThreads: 2, TotalVramBytes: 0));

        // Then two baseline configurations are planned per test: llama-server's, which is also Jan's (fit on, no load
        // key in model.yml), and Ollama's; the values are those the runtimes' sources set (tiny's trained context is 2048)
        var baselines = plan.Trials.Where(t => t.Baselines.Count > 0).ToList();
        Assert.Equal(2, grid.Trials.Count);
        Assert.Equal(grid.Trials.Count + 4, plan.Trials.Count);
        Assert.Equal(4, baselines.Count);
        var server = baselines.Where(t => t.Baselines.Any(l => l.Runtime == BaselineRuntime.LlamaServer)).ToList();
        Assert.Equal(2, server.Count);
        Assert.All(server, t =>
        {
            Assert.Equal([BaselineRuntime.LlamaServer, BaselineRuntime.Jan], t.Baselines.Select(l => l.Runtime));
            Assert.Equal((0, 2, 2048, 512, 2048, FlashAttention.Auto, GgmlType.F16, true, true), (t.Config.GpuLayers, t.Config.Threads, t.Config.BatchSize, t.Config.UBatchSize, t.Config.ContextSize, t.Config.FlashAttention, t.Config.CacheType, t.Config.WeightRepack, t.Config.UseMmap));
        });
        var ollama = baselines.Where(t => t.Baselines.Any(l => l.Runtime == BaselineRuntime.Ollama)).ToList();
        Assert.Equal(2, ollama.Count);
        Assert.All(ollama, t =>
        {
            Assert.Equal([BaselineRuntime.Ollama], t.Baselines.Select(l => l.Runtime));
            Assert.Equal((0, 2, 512, 512, 2048, FlashAttention.Auto), (t.Config.GpuLayers, t.Config.Threads, t.Config.BatchSize, t.Config.UBatchSize, t.Config.ContextSize, t.Config.FlashAttention));
        });
        Assert.All(baselines.SelectMany(t => t.Baselines), l => Assert.NotEmpty(l.Derivation));

        // When the sweep runs
        var summary = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "base" }).RunAsync(plan);

        // Then every baseline trial is stored as its own trial, with its labels
        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("base");
        Assert.Equal(plan.Trials.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(TrialStatus.Ok, r.Status));
        var stored = rows.Where(r => r.Baselines.Count > 0).ToList();
        Assert.Equal(4, stored.Count);
        Assert.Equal(2, stored.Count(r => r.Baselines.Select(l => l.Runtime).SequenceEqual([BaselineRuntime.LlamaServer, BaselineRuntime.Jan])));
        Assert.Equal(2, stored.Count(r => r.Baselines.Select(l => l.Runtime).SequenceEqual([BaselineRuntime.Ollama])));

        // And the recommendation compares its configuration with each runtime's defaults, from the stored means
        var rec = RecommendedConfig.From(Tuner.Recommend(rows, new RecommendRequest { ProfileId = "base" }), DateTimeOffset.UnixEpoch);
        Assert.Equal(6, rec.Baselines.Count); // 3 runtimes x 2 tests
        foreach (var c in rec.Baselines)
        {
            var tunedRows = rows.Where(r => r.Config.Key == rec.Config.Key && r.Test.Name == c.Test).ToList();
            var tuned = tunedRows.FirstOrDefault(r => r.Baselines.Count == 0) ?? tunedRows.Single();
            var baseline = stored.Single(r => r.Test.Name == c.Test && r.Baselines.Any(l => l.Runtime == c.Runtime));
            Assert.Equal(tuned.Stats!.Mean / baseline.Stats!.Mean, c.Ratio!.Value, 1e-9);
            Assert.Equal(baseline.Config.Key == rec.Config.Key, c.SameConfig);
            Assert.Equal(2, c.Baseline!.N);
            Assert.NotNull(c.RatioSd);
            Assert.Contains(c.Runtime.Defaults(), c.Text, StringComparison.Ordinal);
            Assert.Contains("(n=2)", c.Text, StringComparison.Ordinal);
        }

        Assert.Equal(rec.Baselines, RecommendedConfig.Parse(rec.ToJson(), "test").Baselines, new ComparisonEquality());
    }

    [Fact]
    public void Compare_NoBaselineTrials_SaysNotMeasuredAndWhy()
    {
        var config = new TrialConfig { Backend = "cpu", ModelPath = "m.gguf", Quant = "q4_0", Threads = 1 };
        var trial = new TrialResult
        {
            TrialId = "t", ProfileId = "p", LlamaBuild = "b", Config = config, Test = TrialTest.Tg128, Status = TrialStatus.Ok,
            Stats = new SampleStatistics(3, 10, 1, 10, 9, 11, 8, 12, 0.95, 0),
        };

        var list = BaselineComparer.Compare([trial], config);

        Assert.Equal(3, list.Count);
        Assert.All(list, c =>
        {
            Assert.Null(c.Ratio);
            Assert.Contains("not compared: no baseline trial", c.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void For_GpuMachineWith24GiB_OllamaTakesTheMiddleContextTierAndItsBatch()
    {
        var model = new ResolvedModel("/m/big.gguf", "q4_0", 32, 4L << 30, null, null);

        var all = RuntimeBaselines.For("cuda", model, 131072, new MachineDefaults(8, 24L << 30));

        var server = all.Single(b => b.Label.Runtime == BaselineRuntime.LlamaServer).Config;
        var ollama = all.Single(b => b.Label.Runtime == BaselineRuntime.Ollama).Config;
        Assert.Equal((-1, 131072, 2048, 512, 8), (server.GpuLayers, server.ContextSize, server.BatchSize, server.UBatchSize, server.Threads));
        Assert.Equal((-1, 32768, 1024, 1024), (ollama.GpuLayers, ollama.ContextSize, ollama.BatchSize, ollama.UBatchSize));
        Assert.Contains(all.Single(b => b.Label.Runtime == BaselineRuntime.LlamaServer).Label.Derivation, d => d.Contains("fit's layer choice is not computable here", StringComparison.Ordinal));
    }

    private sealed class ComparisonEquality : IEqualityComparer<BaselineComparison>
    {
        public bool Equals(BaselineComparison? x, BaselineComparison? y) => x?.Text == y?.Text && x?.Runtime == y?.Runtime;

        public int GetHashCode(BaselineComparison obj) => obj.Text.GetHashCode(StringComparison.Ordinal);
    }
}
