using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Quantization(TrialView view, ChartFiles files)
    {
        const string Id = "quantization";
        const string Heading = "Quantizations compared";
        var quants = view.Measured.Select(r => r.Config.Quant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (quants.Count < 2)
        {
            return null;
        }

        var body = new List<XElement>();
        var charts = new List<Chart>();
        void Add(BarChart chart, string caption)
        {
            charts.Add(chart);
            body.Add(files.Figure(chart, caption));
        }

        foreach (var test in view.Tests)
        {
            var series = view.Measured.Where(r => r.Test == test)
                .GroupBy(r => r.Config.Backend, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key, g.GroupBy(r => r.Config.Quant).Select(q => TrialView.SpeedPoint(quants.IndexOf(q.Key), TrialView.Fastest(q))).ToList()))
                .ToList();
            Add(Bars("quant-speed-" + test.Name.Replace('@', '-'), $"{test.Name}: best speed per quantization", new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s"), quants, series), $"Fastest {test.Name} trial per quantization and backend, with ± sd bars.");
        }

        var sizes = quants.Select((q, i) => (i, bytes: view.Measured.FirstOrDefault(r => r.Config.Quant == q && r.Model is not null)?.Model!.FileBytes))
            .Where(p => p.bytes is not null).Select(p => new ChartPoint(p.i, ReportFormat.GiB(p.bytes!.Value))).ToList();
        if (sizes.Count > 0)
        {
            Add(Bars("quant-size", "Model file size per quantization", new ChartAxis("GGUF file size", "GiB"), quants, [new ChartSeries("file size", sizes)]), "Size of the GGUF file on disk.");
        }

        // Memory of the configuration a person would pick per quantization: its fastest generation trial.
        var fastest = quants.Select((q, i) => (i, r: view.Measured.Where(r => r.Config.Quant == q && r.Test.Kind == TestKind.Generation).MaxBy(TrialView.Mean))).Where(p => p.r is not null).ToList();
        var memory = new List<ChartSeries>
        {
            new("RAM", fastest.Where(p => p.r!.PeakRssBytes is not null).Select(p => new ChartPoint(p.i, ReportFormat.GiB(p.r!.PeakRssBytes!.Value)) { Note = ReportFormat.Config(p.r.Config) }).ToList()),
            new("VRAM", fastest.Where(p => p.r!.DeviceMemoryBytes is not null).Select(p => new ChartPoint(p.i, ReportFormat.GiB(p.r!.DeviceMemoryBytes!.Value)) { Note = ReportFormat.Config(p.r.Config) }).ToList()),
        }.Where(s => s.Points.Count > 0).ToList();
        if (memory.Count > 0)
        {
            Add(Bars("quant-memory", "Memory of the fastest generation configuration", new ChartAxis("peak memory", "GiB"), quants, memory), "Peak RAM and VRAM of each quantization's fastest generation trial.");
        }

        return new ReportSection(Id, Heading, body, charts);
    }

    private static BarChart Bars(string id, string title, ChartAxis y, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string xLabel = "quantization") => new()
    {
        Id = id,
        Title = title,
        XAxis = new ChartAxis(xLabel, string.Empty),
        YAxis = y with { Scale = AxisScale.Linear, IncludeZero = true },
        Categories = categories,
        Series = series,
    };
}
