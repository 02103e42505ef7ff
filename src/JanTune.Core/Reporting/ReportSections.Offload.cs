using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Offload(TrialView view, ChartFiles files)
    {
        const string Id = "offload";
        const string Heading = "CPU vs GPU offload";
        if (view.DistinctValues(c => c.GpuLayers) < 2)
        {
            return null;
        }

        // One marker per distinct layer count: a 1B and a 7B model put their output layers at different NGL.
        var annotations = view.Measured.Select(r => r.Model?.Layers).OfType<int>().Distinct().Order()
            .Select(n => new ChartAnnotation(n + 1, $"output layer on GPU (NGL {ReportFormat.Int(n + 1)})"))
            .ToArray();
        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var test in view.Tests)
        {
            var chart = new LineChart
            {
                Id = "offload-" + test.Name.Replace('@', '-'),
                Title = $"{test.Name}: speed vs layers on the GPU",
                XAxis = new ChartAxis("GPU layers", "NGL") { Scale = AxisScale.Linear, IntegerTicks = true },
                YAxis = new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s") { IncludeZero = true },
                Series = view.BestSeries(view.Measured.Where(r => r.Test == test), c => c.GpuLayers),
                Annotations = annotations,
            };
            charts.Add(chart);
            body.Add(files.Figure(chart, $"{test.Name} tokens/s by number of offloaded layers; each point is the fastest trial at that NGL, bars show ± one standard deviation of its repetitions. NGL 0 keeps every layer on the CPU."));
        }

        body.Add(Html.El("h3", "Best configuration per backend"));
        body.Add(BestPerBackendTable(view));
        return new ReportSection(Id, Heading, body, charts);
    }

    public static XElement BestPerBackendTable(TrialView view)
    {
        var rows = view.Measured
            .GroupBy(r => (r.Config.Backend, r.Test))
            .OrderBy(g => g.Key.Backend, StringComparer.Ordinal).ThenBy(g => view.Tests.ToList().IndexOf(g.Key.Test))
            .Select(TrialView.Fastest)
            .Select(r => (IReadOnlyList<object>)
            [
                r.Config.Backend, r.Test.Name, ChartNumber.Value(r.Stats!.Mean), ReportFormat.Spread(r.Stats), ReportFormat.Config(r.Config),
                ReportFormat.GiBText(r.PeakRssBytes), ReportFormat.GiBText(r.DeviceMemoryBytes),
            ]);
        return Html.Table(["Backend", "Test", "tokens/s (mean)", "± sd (n)", "Configuration", "RAM", "VRAM"], rows, "numbers");
    }
}
