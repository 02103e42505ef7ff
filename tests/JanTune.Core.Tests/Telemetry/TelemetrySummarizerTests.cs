using JanTune.Core.Telemetry;

namespace JanTune.Core.Tests.Telemetry;

public class TelemetrySummarizerTests
{
    private static readonly TelemetryWindow NoGpuNoRapl = new(
        [], "NVML: libnvidia-ml.so.1 not found (no NVIDIA driver)", "RAPL: /sys/class/powercap/intel-rapl:0/energy_uj not present",
        null, null, null, null, []);

    private static TelemetrySample At(int ms, long? rss = null, double? cpu = null, ulong? uj = null, params GpuSample[] gpus) =>
        new(TimeSpan.FromMilliseconds(ms), rss, cpu, gpus, uj);

    [Fact]
    public void CounterIncrease_CounterWrapsOnce_AddsTheWrappedPart()
    {
        // Given a counter with range 1000 read at 900, 980, wrapped to 30, then 130.
        Assert.Equal(80UL + 50UL + 100UL, TelemetrySummarizer.CounterIncrease([900, 980, 30, 130], 1000));
    }

    [Fact]
    public void CounterIncrease_NoRangeAndDecrease_TreatsAsReset()
    {
        Assert.Equal(10UL + 5UL, TelemetrySummarizer.CounterIncrease([100, 110, 5], 0));
    }

    [Fact]
    public void Summarize_HwmAboveSampledRss_PeakIsHwm()
    {
        var window = NoGpuNoRapl with { PeakRssHwmBytes = 5_000 };

        var summary = TelemetrySummarizer.Summarize([At(0, rss: 1_000), At(100, rss: 3_000), At(200, rss: 2_000)], window);

        Assert.Equal(5_000, summary.PeakRssBytes.Value);
        Assert.Equal(TimeSpan.FromMilliseconds(200), summary.Duration);
    }

    [Fact]
    public void Summarize_CpuPercents_MeanAndMaxIgnoreTheFirstTick()
    {
        var summary = TelemetrySummarizer.Summarize([At(0), At(100, cpu: 20), At(200, cpu: 60)], NoGpuNoRapl);

        Assert.Equal((40.0, 60.0), (summary.MeanCpuPercent.Value!.Value, summary.MaxCpuPercent.Value!.Value));
    }

    [Fact]
    public void Summarize_RaplWithWrap_EnergyInJoules()
    {
        var window = NoGpuNoRapl with { RaplReason = null, RaplMaxRangeMicroJoules = 262_143_328_850 };

        var summary = TelemetrySummarizer.Summarize([At(0, uj: 262_143_000_000), At(100, uj: 1_000_000)], window);

        Assert.Equal((262_143_328_850 - 262_143_000_000 + 1_000_000) / 1e6, summary.CpuEnergyJoules.Value!.Value, 9);
    }

    [Fact]
    public void Summarize_TwoGpus_PeaksMeansAndEnergyPerGpuAndTotal()
    {
        var window = NoGpuNoRapl with { GpuNames = ["H200 a", "H200 b"], GpuReason = null };
        TelemetrySample[] samples =
        [
            At(0, gpus: [new(0, 10, 0, 100, 1_000), new(1, 5, 50, 200, 9_000)]),
            At(100, gpus: [new(0, 30, 100, 300, 31_000), new(1, 5, 50, 200, 29_000)]),
        ];

        var summary = TelemetrySummarizer.Summarize(samples, window);

        Assert.Equal(30, summary.Gpus[0].PeakMemoryUsedBytes.Value);
        Assert.Equal(50.0, summary.Gpus[0].MeanUtilizationPercent.Value);
        Assert.Equal(30.0, summary.Gpus[0].EnergyJoules.Value);
        Assert.Equal(200.0 + 200.0, summary.GpuMeanPowerWatts.Value);
        Assert.Equal(30.0 + 20.0, summary.GpuEnergyJoules.Value);
    }

    [Fact]
    public void Summarize_NoGpuNoRapl_EveryPowerReadingUnavailableWithItsReason()
    {
        var summary = TelemetrySummarizer.Summarize([At(0, rss: 1), At(100, rss: 2, cpu: 5)], NoGpuNoRapl);

        Assert.Empty(summary.Gpus);
        Assert.Equal(NoGpuNoRapl.GpuReason, summary.GpuEnergyJoules.UnavailableReason);
        Assert.Equal(NoGpuNoRapl.GpuReason, summary.GpuMeanPowerWatts.UnavailableReason);
        Assert.Equal(NoGpuNoRapl.RaplReason, summary.CpuEnergyJoules.UnavailableReason);
        Assert.StartsWith("unavailable: RAPL", summary.CpuEnergyJoules.ToString(), StringComparison.Ordinal);
    }
}
