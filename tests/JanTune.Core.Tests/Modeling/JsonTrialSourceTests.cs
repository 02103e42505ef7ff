using System.Text.Json;
using JanTune.Core.Modeling;

namespace JanTune.Core.Tests.Modeling;

public sealed class JsonTrialSourceTests
{
    [Fact]
    public void Load_ExportedTrials_RoundTripAndFilterByProfile()
    {
        var trials = SimulatedMachine.Cpu().MeasureAll(SimulatedMachine.CpuGrid().Take(3));
        var path = Path.Combine(Path.GetTempPath(), "jantune-trials-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(trials, JsonTrialSource.Options));

            var all = new JsonTrialSource(path).Load(null);
            var none = new JsonTrialSource(path).Load("other");

            Assert.Equal(trials.Count, all.Count);
            Assert.Equal(trials[0].Config, all[0].Config);
            Assert.Equal(trials[0].Model, all[0].Model);
            Assert.Empty(none);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NotJson_ThrowsWithHint()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not json");
            var ex = Assert.Throws<JanTuneException>(() => new JsonTrialSource(path).Load(null));
            Assert.NotNull(ex.Hint);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
