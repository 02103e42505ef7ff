using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Threads(TrialView view, ChartFiles files)
    {
        const string Id = "threads";
        const string Heading = "Thread scaling";
        if (view.DistinctValues(c => c.Threads) < 2)
        {
            return null;
        }

        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var test in view.Tests)
        {
            // Only series that varied threads: a GPU series at one thread count says nothing about scaling.
            var trials = view.Measured.Where(r => r.Test == test)
                .GroupBy(r => view.SeriesName(r.Config), StringComparer.Ordinal)
                .Where(g => g.Select(r => r.Config.Threads).Distinct().Count() >= 2)
                .SelectMany(g => g)
                .ToList();
            if (trials.Count == 0)
            {
                continue;
            }

            var chart = new LineChart
            {
                Id = "threads-" + test.Name.Replace('@', '-'),
                Title = $"{test.Name}: speed vs CPU threads",
                XAxis = new ChartAxis("CPU threads", "threads") { Scale = AxisScale.Linear, IntegerTicks = true },
                YAxis = new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s") { IncludeZero = true },
                Series = view.BestSeries(trials, c => c.Threads),
            };
            charts.Add(chart);
            body.Add(files.Figure(chart, $"{test.Name} tokens/s by thread count; generation is memory-bound, so it stops scaling before prompt processing does."));
        }

        return charts.Count == 0 ? null : new ReportSection(Id, Heading, body, charts);
    }
}
