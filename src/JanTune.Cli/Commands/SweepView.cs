using System.Globalization;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>Renders a sweep plan (--dry-run) and a run's summary table.</summary>
internal static class SweepView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void RenderPlan(IAnsiConsole console, SweepPlan plan, string source, string profileId, DurationEstimator estimator, IReadOnlyList<ResolvedModel> models)
    {
        console.MarkupLine($"[bold]plan[/] from {Markup.Escape(source)} for profile {Markup.Escape(profileId)}: {plan.Trials.Count} trials, {plan.Warmup} warmup + {plan.Repetitions} repetitions each");
        var tree = new Tree("sweep");
        foreach (var backend in plan.ByBackend)
        {
            var b = tree.AddNode($"[blue]{backend.Key}[/] (one worker)");
            foreach (var model in backend.GroupBy(t => t.Config.ModelKey))
            {
                var c0 = model.First().Config;
                var m = b.AddNode(Markup.Escape($"{Path.GetFileName(c0.ModelPath)} ngl {c0.GpuLayers} repack {(c0.WeightRepack ? "on" : "off")}{Split(c0)} (model load)"));
                foreach (var ctx in model.GroupBy(t => t.Config.ContextKey))
                {
                    var c = ctx.First().Config;
                    var secs = ctx.Sum(t => estimator.Estimate(t).TotalSeconds);
                    m.AddNode(Markup.Escape(string.Create(Inv, $"ctx {c.ContextSize} batch {c.BatchSize}/{c.UBatchSize} fa {c.FlashAttention} kv {c.CacheType}: threads {string.Join(",", ctx.Select(t => t.Config.Threads).Distinct())} × {string.Join(",", ctx.Select(t => t.Test.Name).Distinct())} ({ctx.Count()} trials, ~{secs:F0} s)")));
                }
            }
        }

        console.Write(tree);
        foreach (var note in plan.Notes)
        {
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
        }

        var generation = TimeSpan.FromSeconds(models.Sum(m => DurationEstimator.ModelGeneration(m).TotalSeconds));
        var total = generation + TimeSpan.FromSeconds(plan.Trials.Sum(t => estimator.Estimate(t).TotalSeconds) + (plan.Trials.Select(t => t.Config.ModelKey).Distinct().Count() * 2));
        var gen = generation > TimeSpan.Zero ? string.Create(Inv, $" (including {generation.TotalSeconds:F0} s to generate models)") : string.Empty;
        var budget = plan.TimeBudget is { } tb ? string.Create(Inv, $"; time budget {tb:hh\\:mm\\:ss}") : string.Empty;
        console.MarkupLine(string.Create(Inv, $"estimated duration: [bold]{total:hh\\:mm\\:ss}[/]") + gen + budget);
    }

    public static void RenderSummary(IAnsiConsole console, SweepSummary summary, string profileId)
    {
        var ok = summary.Results.Where(r => r.Status == TrialStatus.Ok && r.Stats is not null).ToList();
        var table = new Table().Title("best configuration per backend and test").AddColumns("backend", "test", "t/s (mean ± sd, n)", "llama.cpp t/s", "configuration");
        var rankable = ok.Where(r => r.Stats!.IsRankable).ToList();
        foreach (var best in rankable.GroupBy(r => (r.Config.Backend, r.Test.Name)).Select(g => g.MaxBy(r => r.Stats!.Mean)!))
        {
            var c = best.Config;
            table.AddRow(
                c.Backend,
                best.Test.Name,
                best.Stats!.MeanSdText(),
                best.LlamaPerfTokensPerSecond is { } p ? p.ToString("F1", Inv) : "-",
                Markup.Escape(Describe(best)));
        }

        if (rankable.Count > 0)
        {
            console.Write(table);
        }

        foreach (var noisy in ok.Where(r => !r.Stats!.IsRankable))
        {
            console.MarkupLine($"[yellow]not ranked[/] {Markup.Escape(Describe(noisy))} {noisy.Test.Name}: {Markup.Escape(noisy.Stats!.MeanSdText())} t/s, {Markup.Escape(noisy.Stats.UnrankableReason()!)}");
        }

        foreach (var failed in summary.Results.Where(r => r.Status == TrialStatus.Failed))
        {
            console.MarkupLine($"[red]failed[/] {Markup.Escape(Describe(failed))} {failed.Test.Name}: {Markup.Escape(failed.Error ?? "unknown")}");
        }

        var skipped = summary.Skipped.GroupBy(s => s.Reason).Select(g => $"{g.Count()} skipped ({g.Key})");
        console.MarkupLine(string.Create(Inv, $"{summary.Results.Count} trials measured in {summary.Elapsed:mm\\:ss}, {summary.AlreadyStored} already stored") + string.Concat(skipped.Select(s => ", " + s))
            + $"; results in results/jantune.db (profile {Markup.Escape(profileId)})");
        if (summary.Cancelled)
        {
            console.MarkupLine("[yellow]cancelled[/]: everything finished is saved; run the same command again to resume");
        }

        if (ok.Count > 0)
        {
            console.MarkupLine($"[green]report:[/] jantune report --profile {Markup.Escape(profileId)} draws the profile's stored trials as HTML: the effect of each axis, ranked, and the charts (add --png for PNG files)");
        }
    }

    public static string Describe(TrialResult r) => Describe(r.Config);

    public static string Describe(TrialConfig c) => string.Create(Inv, $"{Path.GetFileName(c.ModelPath)} ngl {c.GpuLayers} t {c.Threads} repack {(c.WeightRepack ? "on" : "off")} b {c.BatchSize}/{c.UBatchSize} ctx {c.ContextSize} fa {c.FlashAttention.ToString().ToLowerInvariant()} kv {c.CacheType.ToString().ToLowerInvariant()}{Split(c)}");

    /// <summary>The multi-GPU split, when it is not the default (layer, by free memory).</summary>
    public static string Split(TrialConfig c) => (c.HasDefaultSplit ? string.Empty : " split " + c.SplitText)
        + (c.HasExpertPlacement ? " experts " + c.ExpertPlacementText : string.Empty);
}
