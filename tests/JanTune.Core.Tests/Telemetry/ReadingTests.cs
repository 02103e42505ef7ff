using JanTune.Core.Telemetry;

namespace JanTune.Core.Tests.Telemetry;

public class ReadingTests
{
    [Fact]
    public void Format_Unavailable_SaysWhyInsteadOfANumber()
    {
        var reading = Reading.Unavailable<double>("RAPL: permission denied (root only)");

        Assert.False(reading.IsAvailable);
        Assert.Null(reading.Value);
        Assert.Equal("unavailable: RAPL: permission denied (root only)", reading.Format(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Select_Available_MapsValue()
    {
        Assert.Equal(2.5, Reading.Of(2_500L).Select(mj => mj / 1000.0).Value);
    }

    [Fact]
    public void Select_Unavailable_KeepsReason()
    {
        Assert.Equal("NVML: x", Reading.Unavailable<long>("NVML: x").Select(v => (double)v).UnavailableReason);
    }
}
