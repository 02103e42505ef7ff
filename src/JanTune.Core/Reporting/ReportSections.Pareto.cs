using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Pareto(TrialView view, ChartFiles files)
    {
        const string Id = "pareto";
        const string Heading = "Speed vs memory: the Pareto front";
        var test = view.Tests.LastOrDefault(t => t.Kind == TestKind.Generation) ?? view.Tests.FirstOrDefault();
        var trials = view.Measured.Where(r => r.Test == test && TrialView.TotalMemory(r) is not null).ToList();
        if (test is null || trials.Count < 2)
        {
            return null;
        }

        var front = ParetoFront(trials);
        ChartPoint Point(TrialResult r) => new(ReportFormat.GiB(TrialView.TotalMemory(r)!.Value), TrialView.Mean(r)) { Note = ReportFormat.Config(r.Config) };
        var chart = new ScatterChart
        {
            Id = "pareto",
            Title = $"{test.Name}: speed vs memory of every configuration",
            XAxis = new ChartAxis("peak RAM + VRAM", "GiB"),
            YAxis = new ChartAxis("generation speed", "tokens/s"),
            Series =
            [
                new ChartSeries("all configurations", trials.Except(front).Select(Point).ToList()),
                new ChartSeries("Pareto front", front.Select(Point).ToList()) { Connected = true, Emphasized = true },
            ],
        };
        var table = Html.Table(
            ["Configuration", "tokens/s", "RAM + VRAM"],
            front.Select(r => (IReadOnlyList<object>)[ReportFormat.Config(r.Config), ChartNumber.Value(TrialView.Mean(r)), ReportFormat.GiBText(TrialView.TotalMemory(r))]),
            "numbers");
        return new ReportSection(
            Id,
            Heading,
            new List<XElement> { files.Figure(chart, "No configuration is both faster and smaller than one on the front; everything below it is dominated."), table },
            [chart]);
    }

    /// <summary>Configurations no other one beats on both speed (higher) and memory (lower), by increasing memory.</summary>
    internal static IReadOnlyList<TrialResult> ParetoFront(IEnumerable<TrialResult> trials)
    {
        var front = new List<TrialResult>();
        var best = double.NegativeInfinity;
        foreach (var r in trials.OrderBy(r => TrialView.TotalMemory(r)).ThenByDescending(TrialView.Mean))
        {
            if (TrialView.Mean(r) > best)
            {
                front.Add(r);
                best = TrialView.Mean(r);
            }
        }

        return front;
    }
}
