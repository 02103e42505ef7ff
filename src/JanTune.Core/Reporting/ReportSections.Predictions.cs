using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Predictions(TrialView view, PredictionSet? predictions, ChartFiles files)
    {
        const string Id = "predictions";
        const string Heading = "Predicted vs measured";
        if (predictions is null || predictions.Predictions.Count == 0)
        {
            return null;
        }

        var byKey = predictions.Predictions.GroupBy(p => (p.Config.Key, p.Test.Name)).ToDictionary(g => g.Key, g => g.First());
        var pairs = view.Measured
            .Select(r => (r, p: byKey.GetValueOrDefault((r.Config.Key, r.Test.Name))))
            .Where(x => x.p is not null)
            .ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var mape = string.Join(", ", predictions.CrossValidatedMape.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {ReportFormat.Percent(kv.Value)}"));
        var mapeText = mape.Length == 0 ? string.Empty : $" Cross-validated MAPE: {mape}.";
        var speed = new ScatterChart
        {
            Id = "predicted-speed",
            Title = "Predicted vs measured speed",
            XAxis = new ChartAxis("measured", "tokens/s"),
            YAxis = new ChartAxis("predicted", "tokens/s"),
            IdentityLine = true,
            Series = pairs.GroupBy(x => x.r.Test.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key, g.Select(x => new ChartPoint(TrialView.Mean(x.r), x.p!.TokensPerSecond) { Note = ReportFormat.Config(x.r.Config) }).ToList()))
                .ToList(),
        };
        var body = new List<XElement> { files.Figure(speed, "Each point is one measured trial; on the y = x line the model is exact." + mapeText) };
        var charts = new List<Chart> { speed };
        var memoryPoints = pairs.Where(x => TrialView.TotalMemory(x.r) is not null && x.p!.MemoryBytes > 0)
            .Select(x => new ChartPoint(ReportFormat.GiB(TrialView.TotalMemory(x.r)!.Value), ReportFormat.GiB(x.p!.MemoryBytes)) { Note = ReportFormat.Config(x.r.Config) })
            .ToList();
        if (memoryPoints.Count > 0)
        {
            var memory = new ScatterChart
            {
                Id = "predicted-memory",
                Title = "Predicted vs measured memory (RAM + VRAM)",
                XAxis = new ChartAxis("measured", "GiB"),
                YAxis = new ChartAxis("predicted", "GiB"),
                IdentityLine = true,
                Series = [new ChartSeries("memory", memoryPoints)],
            };
            charts.Add(memory);
            body.Add(files.Figure(memory, "Predicted against measured peak RAM plus device memory." + mapeText));
        }

        if (predictions.Predictors.Count > 0)
        {
            body.Add(Html.Note("Which model predicts (lowest grouped-CV error wins): " + string.Join("; ", predictions.Predictors) + "."));
        }

        return new ReportSection(Id, Heading, body, charts);
    }
}
