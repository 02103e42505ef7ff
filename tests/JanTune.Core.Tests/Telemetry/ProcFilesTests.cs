using JanTune.Core.Telemetry;

namespace JanTune.Core.Tests.Telemetry;

public class ProcFilesTests
{
    [Fact]
    public void StatusBytes_TabSeparatedKib_ReturnsBytes()
    {
        const string status = "Name:\tdotnet\nVmHWM:\t  120000 kB\nVmRSS:\t   98765 kB\n";

        Assert.Equal((120000L * 1024, 98765L * 1024), (ProcFiles.StatusBytes(status, "VmHWM"), ProcFiles.StatusBytes(status, "VmRSS")));
    }

    [Fact]
    public void CpuPercent_HalfOfTheJiffiesBusy_Returns50()
    {
        var before = ProcFiles.ParseCpuTimes("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3\n")!.Value;
        var after = ProcFiles.ParseCpuTimes("cpu  150 0 150 900 0 0 0 0 0 0\n")!.Value;

        Assert.Equal(50.0, ProcFiles.CpuPercent(before, after));
    }
}
