using JanTune.Core.Modeling;
using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;
using JanTune.Core.Tests.Modeling;

namespace JanTune.Core.Tests.Reporting;

public sealed class ReportPredictorTests
{
    [Fact]
    public void Report_SimulatedSweep_NamesTheFamilyThatPredictsEachTargetWithItsCvError()
    {
        // Given half the simulated CPU grid, where an ML.NET family beats the physical model
        var trials = SimulatedMachine.Cpu(seed: 11).MeasureAll(SimulatedMachine.CpuGrid().Where((_, i) => i % 2 == 0));
        var root = Directory.CreateTempSubdirectory("jantune-report-predictor-").FullName;
        try
        {
            // When the report is loaded and built from them
            var input = new StoreReportSource(new JanTunePaths(root), new ListTrials(trials)).Load("sim");
            var html = new ReportBuilder().Build(input, "report").Html;

            // Then the predictions section says, per target, which family predicts and every family's CV error
            var gen = input.Predictions!.Predictors.Single(p => p.StartsWith("cpu GenerationTokensPerSecond:", StringComparison.Ordinal));
            Assert.Matches(@"^cpu GenerationTokensPerSecond: (FastTreeResidual|LightGbm), CV MAPE \d+\.\d%", gen);
            Assert.Contains("Physical ", gen, StringComparison.Ordinal);
            Assert.Contains("Which model predicts (lowest grouped-CV error wins): ", html, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(gen), html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class ListTrials(IReadOnlyList<TrialResult> trials) : ITrialSource
    {
        public IReadOnlyList<TrialResult> Load(string? profileId) => trials;
    }
}
