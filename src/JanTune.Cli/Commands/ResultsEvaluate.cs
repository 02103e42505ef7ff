using System.CommandLine;
using System.Globalization;
using JanTune.Core;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>
/// `jantune results evaluate`: how good a profile's performance model is, by the fitter's own code. Every family's
/// grouped-CV error per target and the family chosen; with --train, each family trained on part of the trials and
/// scored on every held-out configuration.
/// </summary>
internal static class ResultsEvaluate
{
    public static Command Create(CliContext context)
    {
        var profiles = new Option<string[]>("--profile") { Description = "Hardware profile(s) to pool (repeat the option); default: every trial in the store", AllowMultipleArgumentsPerToken = false };
        var results = new Option<FileInfo?>("--results") { Description = "Use a JSON array of TrialResult instead of the results store" };
        var train = new Option<string?>("--train") { Description = "Extrapolation: train on the trials matching this filter, e.g. \"ngl<=half\" or \"threads<=1,ubatch=256\" (axes ngl, threads, batch, ubatch, ctx, model)" };
        var trainModel = new Option<string?>("--train-model") { Description = "Extrapolation: train on this model only (file name prefix, e.g. 1b); adds model=NAME to --train" };
        var test = new Option<string?>("--test") { Description = "Extrapolation: predict only the held-out trials matching this filter (default: every trial not trained on)" };
        var minTrain = new Option<int>("--min-train-configs") { Description = "Fewest training configurations to extrapolate from (default: the fitter's CV minimum)", DefaultValueFactory = _ => PerfModelFitter.MinCrossValidationConfigs };
        var command = new Command("evaluate", "Each model family's grouped-CV error per target and the family chosen; with --train, its error on configurations it never saw");
        foreach (var o in new Option[] { profiles, results, train, trainModel, test, minTrain })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var trials = Load(context, parse.GetValue(results), parse.GetValue(profiles) ?? []);
            var console = context.Console;
            console.Write(CvTable(ModelEvaluation.CrossValidate(trials)));
            console.MarkupLine(Markup.Escape(
                $"MAPE = mean |predicted - measured| / measured over held-out rows; folds hold out whole configurations (k = min(5, configurations)); n/a: under {PerfModelFitter.MinCrossValidationConfigs} configurations, or the ML.NET families untried. No confidence interval is printed: with k folds the spread rests on k numbers."));

            var trainFilter = TrialFilter.And(
                parse.GetValue(train) is { } t ? TrialFilter.Parse(t) : null,
                parse.GetValue(trainModel) is { } m ? TrialFilter.Parse("model=" + m) : null);
            if (trainFilter is null)
            {
                return 0;
            }

            var testFilter = parse.GetValue(test) is { } s ? TrialFilter.Parse(s) : null;
            var errors = Extrapolation.Filtered(trials, trainFilter, testFilter, parse.GetValue(minTrain));
            if (errors.Count == 0)
            {
                throw new JanTuneException(
                    $"nothing to extrapolate with train {trainFilter}: no backend and target has {parse.GetValue(minTrain)}+ training configurations and held-out trials to predict",
                    "widen --train, or lower --min-train-configs (and read the result as the thin fit it is)");
            }

            console.WriteLine();
            console.Write(ExtrapolationTable(errors, trainFilter, testFilter));
            foreach (var group in errors.GroupBy(e => (e.Backend, e.Target)))
            {
                console.Write(HeldOutTable(group.Key.Backend, group.Key.Target, [.. group]));
            }

            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<TrialResult> Load(CliContext context, FileInfo? file, string[] profiles)
    {
        if (file is not null)
        {
            return new JsonTrialSource(file.FullName).Load(null);
        }

        var source = new StoreTrialSource(context.Paths);
        return profiles.Length == 0 ? source.Load(null) : [.. profiles.SelectMany(p => source.Load(p))];
    }

    internal static Table CvTable(IReadOnlyList<TargetEvaluation> evaluations)
    {
        var families = Enum.GetValues<ModelFamily>();
        var table = new Table().Title("Grouped k-fold CV, MAPE per family").AddColumns("backend", "target", "rows", "cfgs", "k");
        foreach (var f in families)
        {
            table.AddColumn(new TableColumn(Short(f)).RightAligned());
        }

        table.AddColumn("chosen");
        foreach (var e in evaluations)
        {
            var cells = new List<string> { Markup.Escape(e.Backend), Short(e.Target), Int(e.Rows), Int(e.Configurations), Int(e.Folds) };
            cells.AddRange(families.Select(f => Pct(e.Mape(f), f == e.Chosen && double.IsFinite(e.Mape(f)))));
            cells.Add(Short(e.Chosen));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    internal static Table ExtrapolationTable(IReadOnlyList<ExtrapolationError> errors, TrialFilter train, TrialFilter? test)
    {
        var families = Enum.GetValues<ModelFamily>();
        var table = new Table()
            .Title(Markup.Escape($"Extrapolation: trained on {train}, predicting {(test is null ? "every other trial" : test.Text)}; MAPE per family"))
            .AddColumns("backend", "target", "trained cfgs/rows", "held-out cfgs");
        foreach (var f in families)
        {
            table.AddColumn(new TableColumn(Short(f)).RightAligned());
        }

        foreach (var group in errors.GroupBy(e => (e.Backend, e.Target)))
        {
            var first = group.First();
            var cells = new List<string> { Markup.Escape(first.Backend), Short(first.Target), $"{Int(first.TrainConfigs)} / {Int(first.TrainRows)}", Int(first.TestConfigs) };
            cells.AddRange(families.Select(f => Pct(group.FirstOrDefault(e => e.Family == f)?.Mape ?? double.NaN, bold: false)));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    internal static Table HeldOutTable(string backend, PerfTarget target, IReadOnlyList<ExtrapolationError> errors)
    {
        // Only the parts of the label that differ between held-out configurations; the shared ones go in the title.
        var configurations = errors[0].Configurations;
        var parts = configurations.Select(c => c.Parts).ToList();
        var varying = Enumerable.Range(0, parts[0].Count).Where(i => parts.Select(p => p[i]).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        var shared = Enumerable.Range(0, parts[0].Count).Except(varying).Select(i => parts[0][i]);
        var table = new Table()
            .Title(Markup.Escape($"{backend} {Short(target)}, held out one by one: predicted (error); all {string.Join(' ', shared)}"))
            .AddColumns("configuration", "n", "measured");
        foreach (var e in errors)
        {
            table.AddColumn(new TableColumn(Short(e.Family)).RightAligned());
        }

        for (var i = 0; i < configurations.Count; i++)
        {
            var c = configurations[i];
            var cells = new List<string> { Markup.Escape(string.Join(' ', varying.Select(v => parts[i][v]))), Int(c.Rows), Value(target, c.Measured) };
            cells.AddRange(errors.Select(e => $"{Value(target, e.Configurations[i].Predicted)} ({Pct(e.Configurations[i].Mape, bold: false)})"));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>Short names, so the tables fit an 80-column terminal.</summary>
    internal static string Short(PerfTarget target) => target switch
    {
        PerfTarget.PromptTokensPerSecond => "pp t/s",
        PerfTarget.GenerationTokensPerSecond => "tg t/s",
        PerfTarget.TimeToFirstTokenMs => "TTFT ms",
        PerfTarget.PeakRamBytes => "peak RAM",
        _ => "peak VRAM",
    };

    internal static string Short(ModelFamily family) => family switch
    {
        ModelFamily.FastTreeResidual => "FT-resid",
        _ => family.ToString(),
    };

    private static string Value(PerfTarget target, double v) => target switch
    {
        PerfTarget.PeakRamBytes or PerfTarget.PeakVramBytes => (v / (1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        _ => v.ToString(v >= 1e6 ? "0.0e0" : v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>"12.3%", "&gt;999%" past that (a prediction off by orders of magnitude), "n/a" when not measured.</summary>
    private static string Pct(double v, bool bold)
    {
        if (!double.IsFinite(v))
        {
            return "n/a";
        }

        var text = v > 9.99 ? ">999%" : (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return bold ? $"[bold green]{text}[/]" : text;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
