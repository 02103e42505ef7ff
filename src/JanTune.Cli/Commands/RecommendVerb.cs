using System.CommandLine;
using System.Globalization;
using JanTune.Core.Modeling;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune recommend`: the best measured-and-modelled configuration under constraints, with the runner-up.</summary>
internal sealed class RecommendVerb : ICliVerb
{
    public Command Create(CliContext context)
    {
        var options = new RecommendOptions();
        var command = new Command("recommend", "Recommend the best configuration for an objective under memory and context constraints");
        options.AddTo(command);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var (result, path) = options.Run(context, parse);
            Render(context.Console, result.Recommendation, result.Model);
            var record = RecommendedConfig.From(result, TimeProvider.System.GetUtcNow());
            RenderBaselines(context.Console, record.Baselines);
            var stored = record.Save(context.Paths);
            context.Console.MarkupLine($"[grey]model stored in {Markup.Escape(path)}[/]");
            context.Console.MarkupLine($"recommendation stored in [green]{Markup.Escape(stored)}[/]; serve it with [blue]jantune serve --profile {Markup.Escape(result.ProfileId)}[/]");
            return 0;
        }));
        return command;
    }

    internal static void Render(IAnsiConsole console, Recommendation r, PerfModel model)
    {
        var table = new Table().Title($"Recommendation ({r.Objective})").AddColumn("").AddColumn("best").AddColumn("runner-up");
        string Cfg(CandidateAssessment? a, Func<CandidateAssessment, string> f) => a is null ? "-" : Markup.Escape(f(a));
        void Row(string name, Func<CandidateAssessment, string> f) => table.AddRow(name, Cfg(r.Best, f), Cfg(r.RunnerUp, f));
        Row("backend / NGL", a => $"{a.Config.Backend} / {a.Config.GpuLayers}");
        Row("threads", a => Int(a.Config.Threads));
        Row("ctx / batch / ubatch", a => $"{Int(a.Config.ContextSize)} / {Int(a.Config.BatchSize)} / {Int(a.Config.UBatchSize)}");
        Row("flash attn / KV / repack", a => $"{a.Config.FlashAttention} / {a.Config.CacheType} / {(a.Config.WeightRepack ? "on" : "off")}");
        if (new[] { r.Best, r.RunnerUp }.Any(a => a is { Config.HasDefaultSplit: false }))
        {
            Row("split mode / tensor split", a => $"{a.Config.SplitMode.ToString().ToLowerInvariant()} / {(a.Config.TensorSplit.Length > 0 ? a.Config.TensorSplit : "auto")}");
        }

        if (new[] { r.Best, r.RunnerUp }.Any(a => a is { Config.HasExpertPlacement: true }))
        {
            Row("MoE experts", a => a.Config.ExpertPlacementText);
        }

        Row("tg128 t/s", a => Pred(a.Generation));
        Row("pp512 t/s", a => Pred(a.Prompt));
        Row("TTFT (512) ms", a => Pred(a.TimeToFirstToken));
        Row("RAM", a => Gib(a.RamBytes) + (a.RamMeasured ? " (measured peak)" : " (predicted, upper)"));
        Row("VRAM", a => Gib(a.VramBytes) + (a.VramMeasured ? " (measured peak)" : WeightPlacement.IsCpuBackend(a.Config.Backend) ? string.Empty : " (predicted, upper)"));
        Row("J/token (timed tokens)", a => a.JoulesPerToken?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not measured");
        console.Write(table);
        console.MarkupLine($"[grey]supported by {r.Supporting.Count} measured trial(s): {Markup.Escape(string.Join(", ", r.Supporting.Take(4).Select(t => $"{t.Test.Name} {t.Stats?.MeanSdText() ?? "-"} t/s{(t.Stats is { IsRankable: false } ? " (too noisy to rank)" : string.Empty)}")))}[/]");
        foreach (var t in model.Targets)
        {
            console.MarkupLine($"[grey]{Markup.Escape($"{t.Backend} {t.Target}: {PredictorText(t)}; {t.Summary}")}[/]");
        }

        if (r.Rejected.Count > 0)
        {
            console.MarkupLine($"[yellow]{r.Rejected.Count} candidate(s) ruled out by constraints[/]");
        }
    }

    /// <summary>"predicted by FastTreeResidual, CV MAPE 4.1% (5-fold; Physical 15.2%, LightGbm 5.3%)".</summary>
    internal static string PredictorText(TargetModel t)
    {
        static string Cv(double v) => double.IsFinite(v) ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
        var others = t.Families.Where(f => f.Family != t.Predictor).Select(f => $"{f.Family} {Cv(f.CvMape)}").ToList();
        return $"predicted by {t.Predictor}, CV MAPE {Cv(t.CvMape)} ({t.Folds}-fold{(others.Count > 0 ? "; " + string.Join(", ", others) : string.Empty)})";
    }

    /// <summary>What tuning bought: the tuned configuration against each runtime's defaults, measured in the same sweep.</summary>
    internal static void RenderBaselines(IAnsiConsole console, IReadOnlyList<BaselineComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            console.MarkupLine("[yellow]what tuning bought: not measured (the recommended configuration has no measured test)[/]");
            return;
        }

        console.MarkupLine("[bold]what tuning bought[/] (measured in the same sweep, mean ± sd):");
        foreach (var c in comparisons)
        {
            console.MarkupLine((c.Ratio is null ? "  [yellow]" : "  [green]") + Markup.Escape(c.Text) + "[/]");
        }
    }

    private static string Pred(PerfPrediction? p) => p is null ? "no model"
        : $"{p.Value.ToString("0.0", CultureInfo.InvariantCulture)} ± {p.Uncertainty.ToString("0.0", CultureInfo.InvariantCulture)}{(p.CrossValidated ? string.Empty : " (assumed: too few trials to cross-validate)")}";

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB";
}
