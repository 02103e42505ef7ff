using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Running;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Tests.Sweeps;

/// <summary>The llamasharp engine end to end: jantune-llamasharp sweep-worker measuring the tiny model through LLamaSharp.</summary>
public sealed class LlamaSharpSweepTests
{
    private const string BothEngines = """
        { "engine": ["npm", "llamasharp"], "models": [{"preset": "tiny"}], "quantizations": ["q4_0"], "backends": ["cpu"],
          "threads": [1], "ctx": [1024], "tests": ["pp64", "tg16", "tg16@d64"], "repetitions": 2, "warmup": 1 }
        """;

    [Fact]
    public async Task RunAsync_BothEngines_StoresLlamaSharpTrialsLikeNpmOnesUnderDistinctKeys()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(BothEngines);

        var summary = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "test" }).RunAsync(plan);

        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("test");
        Assert.Equal(6, rows.Count);
        Assert.Empty(summary.Skipped);
        Assert.All(rows, r =>
        {
            Assert.True(r.Status == TrialStatus.Ok, r.Error);
            Assert.True(r.Stats!.Mean > 0);
            Assert.Equal(plan.Repetitions, r.Stats.N);
            Assert.Equal(plan.Repetitions, r.Samples.Count);
            Assert.Equal(plan.Warmup, r.Measurements.Count(m => m.Kind == MeasurementKind.Warmup));
            Assert.False(string.IsNullOrEmpty(r.CpuVariant));
            Assert.NotNull(r.PeakRssBytes);
            Assert.NotNull(r.Model);
            Assert.True(r.LlamaPerfTokensPerSecond > 0, "llama.cpp's own counters read through the engine's binding");
            Assert.True(r.JoulesPerToken is not null || r.EnergyUnavailableReason is not null);
        });
        var ls = rows.Where(r => r.Config.Engine == SweepEngine.LlamaSharp).ToList();
        var npm = rows.Where(r => r.Config.Engine == SweepEngine.Npm).ToList();
        Assert.Equal(3, ls.Count);
        Assert.All(ls, r => Assert.Equal(SweepEngines.LlamaSharpBuild, r.LlamaBuild));
        Assert.All(ls, r => Assert.StartsWith("llamasharp ", r.CpuVariant, StringComparison.Ordinal));
        Assert.All(npm, r => Assert.StartsWith("@node-llama-cpp/linux-x64@", r.LlamaBuild, StringComparison.Ordinal));
        Assert.All(ls.Where(r => r.Test.Kind == TestKind.Prompt), r => Assert.True(r.TimeToFirstTokenMs > 0));
        Assert.Equal(6, rows.Select(r => r.TrialId).Distinct().Count());
        Assert.Equal(
            npm.Select(r => (r.Config with { Engine = SweepEngine.LlamaSharp }).Key + r.Test.Name).Order(),
            ls.Select(r => r.Config.Key + r.Test.Name).Order());

        var again = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "test" }).RunAsync(ws.Plan(BothEngines));

        Assert.Empty(again.Results); // resumed: every trial of both engines is recognised as done
        Assert.Equal(6, again.AlreadyStored);
    }

    [Fact]
    public async Task RunAsync_LlamaSharpWorkerAborts_EachTrialFailsWithTheReasonAndTheSweepGoesOn()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(BothEngines.Replace("\"npm\", ", string.Empty, StringComparison.Ordinal));
        var options = new SweepOptions
        {
            Paths = ws.Paths,
            ProfileId = "test",
            WorkerEnvironment = new Dictionary<string, string> { [EngineWorker.TestAbortVariable] = "engine=llamasharp|1024" },
        };

        var summary = await new SweepRunner(options).RunAsync(plan);

        Assert.Equal(3, summary.Results.Count);
        Assert.All(summary.Results, r => Assert.Equal(TrialStatus.Failed, r.Status));
        Assert.All(summary.Results, r => Assert.Contains("SIGABRT", r.Error, StringComparison.Ordinal));
    }
}
