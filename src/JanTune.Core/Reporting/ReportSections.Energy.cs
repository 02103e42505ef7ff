using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection Energy(TrialView view, string name)
    {
        const string Id = "energy";
        const string Heading = "Energy per token";
        var metered = view.Measured.Where(r => r.JoulesPerToken is not null).ToList();
        if (metered.Count == 0)
        {
            var reason = view.All.Select(r => r.EnergyUnavailableReason).FirstOrDefault(r => r is not null);
            return ReportSection.NotMeasured(Id, Heading, reason is null ? "no energy meter was available" : $"no energy meter was available ({reason})");
        }

        var series = metered
            .GroupBy(r => $"{view.SeriesName(r.Config)} {r.Test.Name}", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChartSeries(
                g.Key,
                g.GroupBy(r => r.Config.GpuLayers).OrderBy(p => p.Key)
                    .Select(p => p.MinBy(r => r.JoulesPerToken)!)
                    .Select(r => new ChartPoint(r.Config.GpuLayers, r.JoulesPerToken!.Value) { Note = ReportFormat.Config(r.Config) })
                    .ToList()))
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
        return new ReportSection(Id, Heading, new List<XElement> { Html.Figure(chart, SvgFile(name, chart), caption) }, [chart]);
    }
}
