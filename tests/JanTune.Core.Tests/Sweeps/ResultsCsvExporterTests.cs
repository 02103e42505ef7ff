using System.Globalization;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Sweeps;

public sealed class ResultsCsvExporterTests
{
    [Fact]
    public void Write_PartialOffloadTrial_CarriesTheEnergySplitPerDeviceAndWhatIsMissing()
    {
        // Given a partial-offload trial whose energy was charged to the GPU and the CPU package, and a CPU trial without a meter
        var gpu = Trial("a", "cuda") with
        {
            PowerWatts = 310.5,
            JoulesPerToken = 1.25,
            GpuJoulesPerToken = 1.0,
            CpuJoulesPerToken = 0.25,
            EnergyScope = "gpu+cpu",
        };
        var cpu = Trial("b", "cpu") with { EnergyUnavailableReason = "RAPL: /sys/class/powercap not readable" };

        // When they are written as CSV (no field here needs quoting, so a split by comma reads it back)
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ResultsCsvExporter.Write([gpu, cpu], text);
        Assert.DoesNotContain("\"", text.ToString(), StringComparison.Ordinal);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(2, rows.Count);

        // Then each part of the energy and its scope is a column, and a missing meter is a reason, never 0 J
        Assert.Equal("1.25", rows[0]["JoulesPerToken"]);
        Assert.Equal("1", rows[0]["GpuJoulesPerToken"]);
        Assert.Equal("0.25", rows[0]["CpuJoulesPerToken"]);
        Assert.Equal("gpu+cpu", rows[0]["EnergyScope"]);
        Assert.Equal(string.Empty, rows[1]["JoulesPerToken"]);
        Assert.Equal(string.Empty, rows[1]["GpuJoulesPerToken"]);
        Assert.Equal("RAPL: /sys/class/powercap not readable", rows[1]["EnergyUnavailable"]);
    }

    private static TrialResult Trial(string id, string backend) => new()
    {
        TrialId = id,
        ProfileId = "p",
        LlamaBuild = "b",
        Config = new TrialConfig { Backend = backend, ModelPath = "/m/1b-q4_0.gguf", Quant = "q4_0", Threads = 2, GpuLayers = backend == "cpu" ? 0 : 11 },
        Test = TrialTest.Tg128,
        Status = TrialStatus.Ok,
        Stats = new SampleStatistics(3, 40, 1, 40, 39, 41, 38, 42, 0.95, 0),
    };
}
