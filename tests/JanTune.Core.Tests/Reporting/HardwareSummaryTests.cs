using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Reporting;

public sealed class HardwareSummaryTests
{
    private static TrialResult Trial(string backend, params string[] devices) => new()
    {
        TrialId = backend,
        ProfileId = "p",
        LlamaBuild = "b",
        Config = new TrialConfig { Backend = backend, ModelPath = "m.gguf", Quant = "q4_0" },
        Test = TrialTest.Tg128,
        Status = TrialStatus.Ok,
        Devices = devices,
    };

    [Fact]
    public void GpusSeen_ProbeEmptyButWorkersSawAGpu_ListsIt()
    {
        var (gpus, note) = HardwareSummary.GpusSeen([], [], [Trial("cpu"), Trial("cuda", "NVIDIA H100 80GB HBM3 (79 GiB, CUDA0)")]);

        Assert.Equal(["NVIDIA H100 80GB HBM3 (79 GiB, CUDA0)"], gpus);
        Assert.Null(note);
    }

    [Fact]
    public void GpusSeen_GpuTrialsWithNoDeviceRecorded_SaysNotRecordedNotNoneDetected()
    {
        var (gpus, note) = HardwareSummary.GpusSeen([], ["cuda: the probe timed out after 60 s"], [Trial("cuda")]);

        Assert.Empty(gpus);
        Assert.StartsWith("not recorded: trials ran on cuda", note, StringComparison.Ordinal);
        Assert.Contains("timed out", note, StringComparison.Ordinal);
    }

    [Fact]
    public void GpusSeen_CpuOnlySweep_NoNote()
    {
        var (gpus, note) = HardwareSummary.GpusSeen([], [], [Trial("cpu")]);

        Assert.Empty(gpus);
        Assert.Null(note);
    }
}
