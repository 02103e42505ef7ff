using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    /// <summary>Several GPUs: speed per split mode and tensor split, one series per NGL, for each test.</summary>
    public static ReportSection? Split(TrialView view, ChartFiles files)
    {
        const string Id = "split";
        const string Heading = "Multi-GPU split";
        var offloaded = view.Measured.Where(r => r.Config.GpuLayers > 0).ToList();
        var splits = offloaded.Select(r => r.Config.SplitText).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (splits.Count < 2)
        {
            return null;
        }

        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var test in view.Tests)
        {
            var series = offloaded.Where(r => r.Test == test)
                .GroupBy(r => view.SeriesOf(r.Config, $"NGL {r.Config.GpuLayers}")).OrderBy(g => g.Key.Panel, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key.Name, g.GroupBy(r => r.Config.SplitText, StringComparer.Ordinal)
                    .Select(s => TrialView.SpeedPoint(splits.IndexOf(s.Key), TrialView.Fastest(s))).ToList()) { Panel = g.Key.Panel })
                .ToList();
            var chart = Bars(
                "split-" + test.Name.Replace('@', '-'),
                $"{test.Name}: speed per split",
                new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s"),
                splits,
                series,
                "split_mode and tensor_split");
            charts.Add(chart);
            body.Add(files.Figure(chart, $"Fastest {test.Name} trial per split mode (none = one GPU) and tensor split (proportions per GPU; none given = by free memory), per GPU layer count, with ± sd bars."));
        }

        return new ReportSection(Id, Heading, body, charts);
    }
}
