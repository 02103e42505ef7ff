using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    public static ReportSection Recommendation(ReportRecommendation? rec)
    {
        const string Id = "recommendation";
        const string Heading = "Recommended configuration";
        if (rec is null)
        {
            return ReportSection.NotMeasured(Id, Heading, "no recommendation was made (run `jantune recommend`)");
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
        };
        if (c.GpuLayers > 0 && !c.HasDefaultSplit)
        {
            rows.Add(("Multi-GPU split", c.SplitText));
        }

        rows.AddRange(
        [
            ("Predicted prompt speed", rec.PromptTokensPerSecond is { } pp ? ChartNumber.Value(pp) + " tokens/s" : "not predicted"),
            ("Predicted generation speed", rec.GenerationTokensPerSecond is { } tg ? ChartNumber.Value(tg) + " tokens/s" : "not predicted"),
            ("Predicted memory", rec.MemoryBytes is { } m ? ReportFormat.GiBText(m) : "not predicted"),
        ]);
        var body = new List<System.Xml.Linq.XElement> { Html.KeyValues(rows) };
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

    public static ReportSection Failures(TrialView view)
    {
        const string Id = "failures";
        const string Heading = "Failed and skipped trials";
        var failed = view.All.Where(r => r.Status != TrialStatus.Ok).OrderBy(r => r.Config.Key, StringComparer.Ordinal).ThenBy(r => r.Test.Name, StringComparer.Ordinal).ToList();
        if (failed.Count == 0)
        {
            return new ReportSection(Id, Heading, [Html.Note("Every trial of this sweep completed.")], []);
        }

        var rows = failed.Select(r => (IReadOnlyList<object>)
            [r.Config.Backend, r.Config.Quant, ReportFormat.Int(r.Config.GpuLayers), ReportFormat.Int(r.Config.Threads), r.Test.Name, r.Status.ToString(), r.Error ?? "no reason recorded"]);
        return new ReportSection(Id, Heading, [Html.Table(["Backend", "Quant", "NGL", "Threads", "Test", "Status", "Reason"], rows, "failures")], []);
    }
}
