using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    /// <summary>
    /// MoE models swept over expert placement: speed and device memory against the number of layers whose expert
    /// tensors stay on the CPU (cpu_moe = every layer), the trade a VRAM budget forces.
    /// </summary>
    public static ReportSection? Experts(TrialView view, ChartFiles files)
    {
        const string Id = "experts";
        const string Heading = "MoE expert placement";
        var trials = view.Measured.Where(r => r.Model is { ExpertBytesPerLayer: > 0 }).ToList();
        if (trials.Select(ExpertLayersOnCpu).Distinct().Count() < 2)
        {
            return null;
        }

        var body = new List<XElement>();
        var charts = new List<Chart>();
        foreach (var test in view.Tests)
        {
            var series = trials.Where(r => r.Test == test)
                .GroupBy(r => view.SeriesOf(r.Config, $"NGL {r.Config.GpuLayers}" + (r.Config.OverrideTensor is null ? string.Empty : " -ot")))
                .OrderBy(g => g.Key.Panel, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key.Name, g.GroupBy(ExpertLayersOnCpu).OrderBy(p => p.Key)
                    .Select(p => TrialView.SpeedPoint(p.Key, TrialView.Fastest(p))).ToList()) { Panel = g.Key.Panel })
                .Where(s => s.Points.Count > 0)
                .ToList();
            if (series.Count == 0)
            {
                continue;
            }

            var chart = new LineChart
            {
                Id = "experts-" + test.Name.Replace('@', '-'),
                Title = $"{test.Name}: speed vs expert layers on the CPU",
                XAxis = new ChartAxis("layers whose experts stay on the CPU", "n_cpu_moe") { Scale = AxisScale.Linear, IntegerTicks = true },
                YAxis = new ChartAxis(test.Kind == TestKind.Prompt ? "prompt speed" : "generation speed", "tokens/s") { IncludeZero = true },
                Series = series,
            };
            charts.Add(chart);
            body.Add(files.Figure(chart, $"{test.Name} tokens/s by the number of layers (from the first) whose expert tensors stay in system memory (llama.cpp's --n-cpu-moe; cpu_moe plotted at the layer count; an override_tensor placement, e.g. --fit's, in its own -ot series at the layers its patterns reach), the fastest trial at each, ± sd bars."));
        }

        var rows = trials
            .GroupBy(r => (r.Config.Backend, r.Config.GpuLayers, r.Config.CpuMoe, r.Config.CpuMoeLayers, r.Config.OverrideTensor))
            .OrderBy(g => g.Key.Backend, StringComparer.Ordinal).ThenBy(g => g.Key.GpuLayers).ThenBy(g => ExpertLayersOnCpu(g.First()))
            .ThenBy(g => g.Key.OverrideTensor, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<object>)
            [
                g.Key.Backend, g.Key.GpuLayers, g.First().Config.ExpertPlacementText,
                .. view.Tests.Select(t => FastestText(g.Where(r => r.Test == t).ToList())),
                ReportFormat.GiBText(g.Max(r => r.DeviceMemoryBytes)),
                ReportFormat.GiBText(g.Max(r => r.PeakRssBytes)),
            ]);
        body.Add(Html.El("h3", "Every placement measured"));
        body.Add(Html.Table(["Backend", "NGL", "Experts", .. view.Tests.Select(t => $"{t.Name} t/s"), "VRAM (peak)", "RAM (peak RSS)"], rows, "numbers"));
        return new ReportSection(Id, Heading, body, charts);
    }

    private static object FastestText(List<TrialResult> trials) =>
        trials.Count == 0 ? "-" : TrialView.Fastest(trials) is var r ? $"{ChartNumber.Value(r.Stats!.Mean)} {ReportFormat.Spread(r.Stats)}" : "-";

    /// <summary>Layers whose experts stay on the CPU, counted as the performance model counts them (n_cpu_moe, cpu_moe and -ot alike).</summary>
    private static int ExpertLayersOnCpu(TrialResult r) => r.Model is { Layers: var layers }
        ? Modeling.WeightPlacement.ExpertLayersOnCpu(r.Config, layers, layers)
        : r.Config.CpuMoeLayers;
}
