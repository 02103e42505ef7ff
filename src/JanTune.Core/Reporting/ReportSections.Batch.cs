using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    private static readonly (string Knob, string Title, Func<TrialConfig, int> Value)[] BatchKnobs =
    [
        ("n_batch", "logical batch size", c => c.BatchSize),
        ("n_ubatch", "physical batch size", c => c.UBatchSize),
        ("n_ctx", "context size", c => c.ContextSize),
    ];

    public static ReportSection? Batching(TrialView view, ChartFiles files)
    {
        const string Id = "batching";
        const string Heading = "Batch, ubatch and context";
        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var (knob, title, value) in BatchKnobs)
        {
            if (view.DistinctValues(value) < 2)
            {
                continue;
            }

            var chart = new LineChart
            {
                Id = "batch-" + knob.Replace('_', '-'),
                Title = $"Speed vs {knob}",
                XAxis = new ChartAxis(title, "tokens") { IntegerTicks = true },
                YAxis = new ChartAxis("speed", "tokens/s") { IncludeZero = true },
                Series = view.BestSeries(view.Measured, c => value(c), r => r.Test.Name),
            };
            charts.Add(chart);
            body.Add(files.Figure(chart, $"tokens/s by {knob}; each point is the fastest trial with that value."));
        }

        return charts.Count == 0 ? null : new ReportSection(Id, Heading, body, charts);
    }
}
