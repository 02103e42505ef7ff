using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Energy(TrialView view, ChartFiles files)
    {
        const string Id = "energy";
        const string Heading = "Energy per token";
        var metered = view.Measured.Where(r => r.JoulesPerToken is not null).ToList();
        if (metered.Count == 0)
        {
            return null; // the hardware table says why no meter was available
        }

        var series = metered
            .GroupBy(r => view.SeriesOf(r.Config, r.Test.Name))
            .OrderBy(g => g.Key.Panel, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new ChartSeries(
                g.Key.Name,
                g.GroupBy(r => r.Config.GpuLayers).OrderBy(p => p.Key)
                    .Select(p => p.MinBy(r => r.JoulesPerToken)!)
                    .Select(r => new ChartPoint(r.Config.GpuLayers, r.JoulesPerToken!.Value) { Note = ReportFormat.Config(r.Config) })
                    .ToList()) { Panel = g.Key.Panel })
            .ToList();
        var chart = new LineChart
        {
            Id = "energy-ngl",
            Title = "Energy per token vs layers on the GPU",
            XAxis = new ChartAxis("GPU layers", "NGL") { Scale = AxisScale.Linear, IntegerTicks = true },
            YAxis = new ChartAxis("energy", "J/token") { IncludeZero = true },
            Series = series,
        };
        var unmetered = view.Measured.Count - metered.Count;
        var caption = "Joules per token where a meter measured it (lowest per NGL)."
            + (unmetered > 0 ? $" {ReportFormat.Int(unmetered)} measured trials had no energy meter." : string.Empty);
        return new ReportSection(Id, Heading, new List<XElement> { files.Figure(chart, caption) }, [chart]);
    }
}
