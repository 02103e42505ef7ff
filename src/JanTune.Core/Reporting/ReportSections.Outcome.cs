using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection? Recommendation(ReportRecommendation? rec, TrialView view, PredictionSet? predictions)
    {
        const string Id = "recommendation";
        const string Heading = "Recommended configuration";
        if (rec is null)
        {
            return null;
        }

        var c = rec.Config;
        var rows = new List<(string, string)>
        {
            ("Backend", c.Backend),
            ("Model", c.ModelPath + " (" + c.Quant + ")"),
            ("GPU layers (NGL)", ReportFormat.Int(c.GpuLayers)),
            ("Threads", ReportFormat.Int(c.Threads)),
            ("Batch / ubatch", ReportFormat.Int(c.BatchSize) + " / " + ReportFormat.Int(c.UBatchSize)),
            ("Context", ReportFormat.Int(c.ContextSize)),
            ("Flash attention", c.FlashAttention.ToString()),
            ("KV cache", c.CacheType.ToString()),
            ("Weight repack", c.WeightRepack ? "on" : "off"),
        };
        if (c.GpuLayers > 0 && !c.HasDefaultSplit)
        {
            rows.Add(("Multi-GPU split", c.SplitText));
        }

        rows.Add(("Predicted memory", rec.MemoryBytes is { } m ? ReportFormat.GiBText(m) : "not predicted"));
        var body = new List<System.Xml.Linq.XElement>();
        if (rec.Source is not null)
        {
            body.Add(Html.El("p", new System.Xml.Linq.XAttribute("class", "source"), rec.Source));
        }

        if (rec.Warning is not null)
        {
            body.Add(Html.Note("Warning: " + rec.Warning));
        }

        body.Add(MeasuredAndPredicted(rec, view, predictions));
        body.Add(Html.KeyValues(rows));
        if (rec.Rationale is not null)
        {
            body.Add(Html.El("p", rec.Rationale));
        }

        body.Add(Html.El("h3", "What tuning bought"));
        body.Add(rec.Baselines.Count == 0
            ? Html.Note("Not compared: these results hold no measured test of this configuration or no runtime baseline (`jantune sweep` measures llama-server's, Jan's and Ollama's defaults unless --no-baselines).")
            : Html.El("ul", new System.Xml.Linq.XAttribute("class", "baselines"), rec.Baselines.Select(b => Html.El("li", b.Text))));

        body.Add(rec.ExportedFiles.Count == 0
            ? Html.Note("No files were exported (run `jantune export`).")
            : Html.El("ul", new System.Xml.Linq.XAttribute("class", "files"), rec.ExportedFiles.Select(f => Html.El("li", Html.El("code", f)))));
        return new ReportSection(Id, Heading, body, []);
    }

    /// <summary>The recommended configuration's own measurements first, each with what the model predicted beside it.</summary>
    private static System.Xml.Linq.XElement MeasuredAndPredicted(ReportRecommendation rec, TrialView view, PredictionSet? predictions)
    {
        var rows = new List<IReadOnlyList<object>>();
        foreach (var test in view.Tests)
        {
            var measured = view.Measured.Where(r => r.Test == test && r.Config.Key == rec.Config.Key).ToList();
            var predicted = predictions?.Predictions.FirstOrDefault(p => p.Test == test && p.Config.Key == rec.Config.Key)?.TokensPerSecond
                ?? (test == TrialTest.Pp512 ? rec.PromptTokensPerSecond : test == TrialTest.Tg128 ? rec.GenerationTokensPerSecond : null);
            if (measured.Count == 0 && predicted is null)
            {
                continue;
            }

            var best = measured.Count == 0 ? null : TrialView.Fastest(measured);
            rows.Add(
            [
                test.Name,
                best is null ? "not measured" : ChartNumber.Value(best.Stats!.Mean),
                best is null ? "-" : ReportFormat.Spread(best.Stats!),
                predicted is { } p ? ChartNumber.Value(p) : "not predicted",
            ]);
        }

        return Html.Table(["Test", "measured tokens/s (mean)", "± sd (n)", "predicted tokens/s"], rows, "numbers");
    }

    public static ReportSection? Failures(TrialView view)
    {
        const string Id = "failures";
        const string Heading = "Failed and skipped trials";
        var failed = view.All.Where(r => r.Status != TrialStatus.Ok).OrderBy(r => r.Config.Key, StringComparer.Ordinal).ThenBy(r => r.Test.Name, StringComparer.Ordinal).ToList();
        if (failed.Count == 0)
        {
            return null; // the hardware table already says "0 failed, 0 skipped"
        }

        var rows = failed.Select(r => (IReadOnlyList<object>)
            [r.Config.Backend, r.Config.Quant, ReportFormat.Int(r.Config.GpuLayers), ReportFormat.Int(r.Config.Threads), r.Test.Name, r.Status.ToString(), r.Error ?? "no reason recorded"]);
        return new ReportSection(Id, Heading, [Html.Table(["Backend", "Quant", "NGL", "Threads", "Test", "Status", "Reason"], rows, "failures")], []);
    }
}
