using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Memory(TrialView view, ChartFiles files)
    {
        const string Id = "memory";
        const string Heading = "RAM and VRAM vs offload";
        var withMemory = view.Measured.Where(r => r.PeakRssBytes is not null || r.DeviceMemoryBytes is not null).ToList();
        if (withMemory.Select(r => r.Config.GpuLayers).Distinct().Count() < 2)
        {
            return null;
        }

        var series = new List<ChartSeries>();
        foreach (var (label, pick) in new (string, Func<Sweeps.TrialResult, long?>)[] { ("RAM", r => r.PeakRssBytes), ("VRAM", r => r.DeviceMemoryBytes) })
        {
            series.AddRange(withMemory
                .Where(r => pick(r) is not null)
                .GroupBy(r => view.SeriesOf(r.Config, prefix: label))
                .OrderBy(g => g.Key.Panel, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
                .Select(g => new ChartSeries(
                    g.Key.Name,
                    g.GroupBy(r => r.Config.GpuLayers).OrderBy(p => p.Key)
                        .Select(p => new ChartPoint(p.Key, ReportFormat.GiB(p.Max(r => pick(r)!.Value))) { Note = "peak over the trials at this NGL" })
                        .ToList()) { Panel = g.Key.Panel }));
        }

        var chart = new LineChart
        {
            Id = "memory-ngl",
            Title = "Peak RAM and VRAM vs layers on the GPU",
            XAxis = new ChartAxis("GPU layers", "NGL") { Scale = AxisScale.Linear, IntegerTicks = true },
            YAxis = new ChartAxis("peak memory", "GiB") { Scale = AxisScale.Linear, IncludeZero = true },
            Series = series,
        };
        return new ReportSection(Id, Heading, [files.Figure(chart, "Process peak RSS (RAM) and device memory (VRAM) by offloaded layers: offloading moves weights from RAM to VRAM.")], [chart]);
    }
}
