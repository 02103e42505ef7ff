using System.Text.Json;
using JanTune.Core.Reporting;

namespace JanTune.Core.Tests.Reporting;

public sealed class JsonResultsReportSourceTests
{
    [Fact]
    public void Load_ExportedResults_RoundTripsTrialsAndDerivesHardware()
    {
        // Given results serialized to JSON, When loaded, Then every trial comes back with the profile's backends
        var file = WriteResults();
        try
        {
            var input = new JsonResultsReportSource(file).Load(null);
            Assert.Equal(ReportFixture.Results.Count, input.Results.Count);
            Assert.Equal("ci-h200-a1b2", input.Hardware.ProfileId);
            Assert.Equal(new[] { "cpu", "cuda", "vulkan" }, input.Hardware.Backends);
            Assert.Equal(ReportFixture.Results[5].Stats, input.Results[5].Stats);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_UnknownProfile_ThrowsWithHint()
    {
        var file = WriteResults();
        try
        {
            var ex = Assert.Throws<JanTuneException>(() => new JsonResultsReportSource(file).Load("nope"));
            Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
            Assert.Contains("jantune sweep", ex.Hint, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithHint()
    {
        var ex = Assert.Throws<JanTuneException>(() => new JsonResultsReportSource("/nonexistent/results.json").Load(null));
        Assert.Contains("jantune sweep", ex.Hint, StringComparison.Ordinal);
    }

    private static string WriteResults()
    {
        var file = Path.Combine(Path.GetTempPath(), "jantune-results-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(ReportFixture.Results, JsonResultsReportSource.Options));
        return file;
    }
}
