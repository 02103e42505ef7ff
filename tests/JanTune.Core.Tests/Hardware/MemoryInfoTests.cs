using JanTune.Core.Hardware;

namespace JanTune.Core.Tests.Hardware;

public class MemoryInfoTests
{
    [Fact]
    public void Parse_MeminfoText_ConvertsKibToBytes()
    {
        var memory = MemoryInfo.Parse("MemTotal:       24683620 kB\nMemFree:        23620952 kB\nMemAvailable:   24335500 kB\n");

        Assert.Equal(new MemoryInfo(24683620L * 1024, 24335500L * 1024), memory);
    }

    [Fact]
    public void Parse_OldKernelWithoutMemAvailable_FallsBackToMemFree()
    {
        Assert.Equal(2048, MemoryInfo.Parse("MemTotal: 4 kB\nMemFree: 2 kB\n").AvailableBytes);
    }

    [Fact]
    public void PrettyName_QuotedValue_IsUnquoted()
    {
        Assert.Equal("Ubuntu 24.04.1 LTS", OsInfo.PrettyName("NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\n"));
    }
}
