using System.CommandLine;
using System.Globalization;
using JanTune.Core;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune results list | export --csv | import --csv | extrapolate | evaluate`: what the results store holds, and how far its models reach.</summary>
internal sealed class ResultsCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var list = new Command("list", "Trials stored per hardware profile");
        list.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            using var store = ResultsStore.Open(context.Paths);
            var table = new Table().AddColumns("profile", "trials", "ok", "failed", "models", "last recorded");
            foreach (var s in store.Summaries())
            {
                table.AddRow(Markup.Escape(s.ProfileId), s.Trials.ToString(CultureInfo.InvariantCulture), s.Ok.ToString(CultureInfo.InvariantCulture), s.Failed.ToString(CultureInfo.InvariantCulture), s.Models.ToString(CultureInfo.InvariantCulture), s.LastRecordedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return 0;
        }));

        var csv = new Option<bool>("--csv") { Description = "CSV, one row per trial (the only format so far)", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Only this hardware profile" };
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: stdout)" };
        var export = new Command("export", "Export stored trials");
        export.Options.Add(csv);
        export.Options.Add(profile);
        export.Options.Add(output);
        export.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            using var store = ResultsStore.Open(context.Paths);
            var rows = store.Load(parse.GetValue(profile));
            if (parse.GetValue(output) is { } file)
            {
                // Through the atomic writer: a full disk leaves the old file whole (and a replaced one is backed up).
                using var csvText = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                ResultsCsvExporter.Write(rows, csvText);
                new JanTune.Core.Export.AtomicFileWriter(TimeProvider.System).WriteText(file, csvText.ToString());
                context.Console.MarkupLine($"wrote {rows.Count} trials to {Markup.Escape(file)}");
            }
            else
            {
                ResultsCsvExporter.Write(rows, Console.Out);
            }

            return 0;
        }));

        var command = new Command("results", "List and export measured trials (results/jantune.db)");
        command.Subcommands.Add(list);
        command.Subcommands.Add(export);
        command.Subcommands.Add(ResultsImport.Create(context));
        command.Subcommands.Add(Extrapolate(context));
        command.Subcommands.Add(ResultsEvaluate.Create(context));
        return command;
    }

    private static Command Extrapolate(CliContext context)
    {
        var profile = new Option<string?>("--profile") { Description = "Only this hardware profile" };
        var train = new Option<string?>("--train-model") { Description = "Train on this model file's trials (with --test-model) instead of half to full offload" };
        var test = new Option<string?>("--test-model") { Description = "Predict this model file's trials" };
        var command = new Command("extrapolate", "Train each model family on part of the trials and score it on the rest: NGL up to half the layers -> full offload, or one model -> another");
        command.Options.Add(profile);
        command.Options.Add(train);
        command.Options.Add(test);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var trials = new StoreTrialSource(context.Paths).Load(parse.GetValue(profile));
            var (trainModel, testModel) = (parse.GetValue(train), parse.GetValue(test));
            if ((trainModel is null) != (testModel is null))
            {
                throw new JanTuneException("--train-model and --test-model go together", "give both model file names, or neither for half to full offload");
            }

            var errors = trainModel is null ? Extrapolation.HalfToFullOffload(trials) : Extrapolation.ModelToModel(trials, trainModel, testModel!);
            if (errors.Count == 0)
            {
                throw new JanTuneException(
                    $"nothing to extrapolate: no backend has {PerfModelFitter.MinCrossValidationConfigs}+ training configurations and trials to predict",
                    trainModel is null ? "sweep a GPU backend over NGL from 0 to all layers (e.g. -ngl 0,4,8,...,L+1)" : "check the model file names with `jantune results list`");
            }

            var table = new Table().AddColumns("backend", "target", "family", "trained on", "predicted", "MAPE");
            foreach (var e in errors)
            {
                table.AddRow(Markup.Escape(e.Backend), e.Target.ToString(), e.Family.ToString(), e.TrainConfigs.ToString(CultureInfo.InvariantCulture), e.TestConfigs.ToString(CultureInfo.InvariantCulture), e.Mape.ToString("P1", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }
}
