using JanTune.Core.Telemetry;

namespace JanTune.Core.Tests.Telemetry;

public sealed class EnergyCounterTests
{
    private static EnergyCounter Nvml() => new("NVML GPU 0", 1e-3, 0, TimeSpan.FromMilliseconds(100));

    [Fact]
    public void Joules_LongRegions_SumsOnlyTheRegions()
    {
        // Given two 2 s regions with an untimed gap between them (the counter moved 9999 mJ in the gap)
        var counter = Nvml();
        counter.Add(1_000, 201_000, TimeSpan.FromSeconds(2));
        counter.Add(210_999, 410_999, TimeSpan.FromSeconds(2));

        // When it is read, then only the 400 J inside the regions count
        Assert.Equal(400, counter.Joules().Value!.Value, 6);
    }

    [Fact]
    public void Joules_CounterDidNotMove_IsUnavailableNotZero()
    {
        var counter = Nvml();
        counter.Add(5_000, 5_000, TimeSpan.FromSeconds(3));

        var joules = counter.Joules();

        Assert.False(joules.IsAvailable);
        Assert.Contains("did not move", joules.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Joules_RegionsShorterThanTheCounterResolves_IsUnavailableWithTheReason()
    {
        // Given three 160 ms regions (tg128 at 800 t/s) on a counter that advances every 100 ms
        var counter = Nvml();
        for (var i = 0; i < 3; i++)
        {
            counter.Add(1_000, 60_000, TimeSpan.FromMilliseconds(160));
        }

        // When it is read, then it refuses: the quantization could be a third of the figure
        var joules = counter.Joules();
        Assert.False(joules.IsAvailable);
        Assert.Contains("too short", joules.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("needs at least 3 s", joules.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Joules_RaplWrapsInsideARegion_AddsTheWrappedPart()
    {
        var rapl = new EnergyCounter("RAPL", 1e-6, 1_000_000, TimeSpan.FromMilliseconds(1));
        rapl.Add(900_000, 100_000, TimeSpan.FromSeconds(1));

        Assert.Equal(0.2, rapl.Joules().Value!.Value, 9);
    }

    [Fact]
    public void Joules_AFailedRead_IsUnavailable()
    {
        var counter = Nvml();
        counter.Add(1_000, null, TimeSpan.FromSeconds(5));

        Assert.Contains("read failed", counter.Joules().UnavailableReason, StringComparison.Ordinal);
    }
}
