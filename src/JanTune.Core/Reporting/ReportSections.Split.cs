using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    /// <summary>Several GPUs: speed per split mode and tensor split, one series per NGL, for each test.</summary>
    public static ReportSection Split(TrialView view, string name)
    {
        const string Id = "split";
        const string Heading = "Multi-GPU split";
        var offloaded = view.Measured.Where(r => r.Config.GpuLayers > 0).ToList();
        var splits = offloaded.Select(r => r.Config.SplitText).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (splits.Count < 2)
        {
            return ReportSection.NotMeasured(Id, Heading, "only one multi-GPU split (split_mode, tensor_split) was tried");
        }

        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var test in view.Tests)
        {
            var series = offloaded.Where(r => r.Test == test)
                .GroupBy(r => $"{view.SeriesName(r.Config)} NGL {r.Config.GpuLayers}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key, g.GroupBy(r => r.Config.SplitText, StringComparer.Ordinal)
                    .Select(s => TrialView.SpeedPoint(splits.IndexOf(s.Key), TrialView.Fastest(s))).ToList()))
                .ToList();
            var chart = Bars(
                "split-" + test.Name.Replace('@', '-'),
                $"{test.Name}: speed per split",
                new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s"),
                splits,
                series,
                "split_mode and tensor_split");
            charts.Add(chart);
            body.Add(Html.Figure(chart, SvgFile(name, chart), $"Fastest {test.Name} trial per split mode (none = one GPU) and tensor split (proportions per GPU; none given = by free memory), per GPU layer count, with confidence intervals."));
        }

        return new ReportSection(Id, Heading, body, charts);
    }
}
