using System.Diagnostics;
using JanTune.Core.Processes;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Running;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Core.Tests.Sweeps;

public sealed class SweepRunnerTests
{
    [Fact]
    public async Task RunAsync_TinyModel_StoresOneSaneRowPerPlannedTrial()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan();

        var summary = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "test" }).RunAsync(plan);

        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("test");
        Assert.Equal(plan.Trials.Count, rows.Count);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(TrialStatus.Ok, r.Status);
            Assert.True(r.Stats!.Mean > 0);
            Assert.True(r.Stats.StdDev >= 0);
            Assert.InRange(r.Stats.Mean, r.Stats.CiLower, r.Stats.CiUpper);
            Assert.Equal(plan.Repetitions, r.Stats.N);
            Assert.Equal(plan.Warmup, r.Measurements.Count(m => m.Kind == MeasurementKind.Warmup));
            Assert.StartsWith("@node-llama-cpp/linux-x64@", r.LlamaBuild, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(r.CpuVariant));
            Assert.NotNull(r.PeakRssBytes);
            Assert.InRange(r.DryRunHostBytes!.Value, 1, r.PeakRssBytes.Value); // llama.cpp's share of the worker's RSS
            Assert.Equal(0, r.DryRunDeviceBytes);
            Assert.True(r.JoulesPerToken is not null || r.EnergyUnavailableReason is not null);
        });
        Assert.All(rows.Where(r => r.Test.Kind == TestKind.Prompt), r => Assert.True(r.TimeToFirstTokenMs > 0));
        Assert.Empty(summary.Skipped);
    }

    [Fact]
    public async Task RunAsync_NativeAbortInOneTrial_RecordsItFailedAndRunsTheRest()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan();
        var options = new SweepOptions
        {
            Paths = ws.Paths,
            ProfileId = "test",
            WorkerEnvironment = new Dictionary<string, string> { [EngineWorker.TestAbortVariable] = "norepack" },
        };

        var summary = await new SweepRunner(options).RunAsync(plan);

        var failed = summary.Results.Where(r => r.Status == TrialStatus.Failed).ToList();
        Assert.Equal(plan.Trials.Count, summary.Results.Count);
        Assert.Equal(3, failed.Count); // every norepack trial aborts its worker
        Assert.All(failed, f => Assert.Contains("SIGABRT", f.Error, StringComparison.Ordinal));
        Assert.Equal(3, summary.Results.Count(r => r.Status == TrialStatus.Ok));
    }

    [Fact]
    public async Task Sweep_KilledMidRunAndRestarted_EndsWithExactlyThePlannedRows()
    {
        using var ws = new SweepWorkspace();
        var config = Path.Combine(ws.Root, "tiny.json");
        File.WriteAllText(config, SweepWorkspace.TinyJson
            .Replace("\"repetitions\": 2", "\"repetitions\": 60", StringComparison.Ordinal)
            .Replace("\"pp64\", \"tg16\", \"tg16@d64\"", "\"pp512\", \"tg128\", \"tg128@d256\"", StringComparison.Ordinal));
        var planned = ws.Plan(File.ReadAllText(config)).Trials.Count;
        var db = Path.Combine(ws.Paths.ResultsDir, "jantune.db");

        using (var first = Start(ws, config))
        {
            var sw = Stopwatch.StartNew();
            while (Count(db) == 0 && sw.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var afterKill = Count(db);
        Assert.InRange(afterKill, 1, planned - 1);
        using (var second = Start(ws, config))
        {
            await second.WaitForExitAsync();
            Assert.Equal(0, second.ExitCode);
        }

        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("test");
        Assert.Equal(planned, rows.Count);
        Assert.Equal(planned, rows.Select(r => r.TrialId).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_TinyModel_OursWithinLooseBoundOfLlamaPerfCounters()
    {
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(SweepWorkspace.TinyJson.Replace("\"repack\": [true, false]", "\"repack\": [true]", StringComparison.Ordinal));

        var summary = await new SweepRunner(new SweepOptions { Paths = ws.Paths, ProfileId = "test" }).RunAsync(plan);

        // The tiny model decodes in microseconds, so fixed per-call overhead weighs heavily: the strict 3% parity is
        // measured on the 1B model by the lead; this only proves both clocks time the same regions.
        Assert.All(summary.Results, r => Assert.InRange(r.Stats!.Mean / r.LlamaPerfTokensPerSecond!.Value, 0.5, 1.2));
    }

    private static Process Start(SweepWorkspace ws, string config)
    {
        var psi = SelfProcess.StartInfo(["sweep", "--config", config, "--profile", "test", "--no-baselines"]); // the grid only: this is about resume
        psi.Environment["JANTUNE_HOME"] = ws.Root;
        var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private static int Count(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var store = new ResultsStore(db);
            return store.Load("test").Count;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }
}
