using System.Diagnostics;
using JanTune.Core.Telemetry;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Telemetry;

public class TelemetrySamplerTests(ITestOutputHelper output)
{
    private static readonly bool HasNvml = File.Exists("/proc/driver/nvidia/version");

    private static readonly bool HasRapl = File.Exists("/sys/class/powercap/intel-rapl:0/energy_uj");

    [Fact]
    public async Task StopAsync_AfterAFewTicks_SummarizesThisProcess()
    {
        var sampler = TelemetrySampler.Start(new TelemetryOptions { Interval = TimeSpan.FromMilliseconds(20) });

        // Wait for ticks, not for wall time: on a loaded 2-core machine 150 ms can hold fewer than three ticks.
        var waited = Stopwatch.StartNew();
        while (sampler.Snapshot().Count < 3 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var summary = await sampler.StopAsync();

        output.WriteLine($"{summary.PeakRssBytes} {summary.MeanCpuPercent} {string.Join(',', sampler.Snapshot().Select(s => s.RssBytes))}");
        Assert.InRange(summary.SampleCount, 3, 1000);
        Assert.True(summary.PeakRssBytes.Value > 1_000_000);
        Assert.True(summary.MeanCpuPercent.IsAvailable);
        Assert.InRange(summary.MaxCpuPercent.Value!.Value, 0, 100);
        Assert.Same(summary, await sampler.StopAsync());
    }

    [Fact]
    public async Task Mark_NoBackgroundLoop_SamplesOnlyAtStartMarksAndStop()
    {
        // Given a sampler without its loop and an interval that would have ticked many times
        var sampler = TelemetrySampler.Start(new TelemetryOptions { Background = false, Interval = TimeSpan.FromMilliseconds(1) });
        await Task.Delay(100);
        var beforeMarks = sampler.Snapshot().Count;

        // When the measurement marks two region edges and stops
        sampler.Mark();
        sampler.Mark();
        var summary = await sampler.StopAsync();

        // Then there is exactly the opening sample, one per mark and the closing one; a mark after stop adds nothing
        Assert.Equal(1, beforeMarks);
        Assert.Equal(4, summary.SampleCount);
        sampler.Mark();
        Assert.Equal(4, sampler.Snapshot().Count);
        Assert.True(summary.PeakRssBytes.Value > 1_000_000);
    }

    [Fact]
    public async Task StopAsync_NoGpuNoRapl_PowerReadingsUnavailableWithReasons()
    {
        await using var sampler = TelemetrySampler.Start(new TelemetryOptions { Interval = TimeSpan.FromMilliseconds(20) });

        var summary = await sampler.StopAsync();

        if (!HasNvml)
        {
            Assert.Empty(summary.Gpus);
            Assert.StartsWith("NVML: ", summary.GpuEnergyJoules.UnavailableReason, StringComparison.Ordinal);
            Assert.StartsWith("NVML: ", summary.GpuMeanPowerWatts.UnavailableReason, StringComparison.Ordinal);
        }

        if (!HasRapl)
        {
            Assert.Equal("RAPL: /sys/class/powercap/intel-rapl:0/energy_uj not present", summary.CpuEnergyJoules.UnavailableReason);
        }

        Assert.All(summary.Sources.Where(s => !s.Available), s => Assert.False(string.IsNullOrWhiteSpace(s.Detail)));
    }

    [Fact]
    public void ProbeSources_ThisMachine_ListsEverySource()
    {
        var sources = TelemetrySampler.ProbeSources();

        Assert.Equal(["/proc/stat", "/proc/<pid>/status", "NVML", "RAPL"], sources.Select(s => s.Name));
        Assert.True(sources[0].Available);
    }

    [Fact]
    public void RaplCounter_ZoneWithCounter_OpensAndReads()
    {
        var zone = Directory.CreateTempSubdirectory("rapl").FullName;
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "12345\n");
        File.WriteAllText(Path.Combine(zone, "max_energy_range_uj"), "262143328850\n");

        var counter = RaplCounter.TryOpen(zone, out var reason);

        Assert.Null(reason);
        Assert.Equal((12345UL, 262143328850UL), (counter!.Read(), counter.MaxRangeMicroJoules));
        Directory.Delete(zone, recursive: true);
    }

    [Fact]
    public void Sample_RepeatedAt100MsRate_ReportsOwnCpuCost()
    {
        // Reported, not asserted: timing on a shared box is noise. Process CPU time of the whole test host drifts by
        // tens of ms per second on its own, more than the sampler costs, so the cost is measured per tick instead:
        // CPU time of 500 back-to-back ticks on this thread, times 10 ticks per second.
        using var readers = new TelemetryReaders(Environment.ProcessId);
        readers.Sample(TimeSpan.Zero);
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < 500; i++)
        {
            readers.Sample(wall.Elapsed);
        }

        process.Refresh();
        var perTick = (process.TotalProcessorTime - before) / 500;
        output.WriteLine($"per tick: {perTick.TotalMicroseconds:F0} us CPU ({wall.Elapsed.TotalMicroseconds / 500:F0} us wall)");
        output.WriteLine($"sampler CPU cost at 100 ms: {perTick * 10 / TimeSpan.FromSeconds(1):P3} of one core");
        Assert.True(perTick >= TimeSpan.Zero);
    }
}
