using System.CommandLine;
using System.Globalization;
using JanTune.Core.Storage;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune results list | export --csv`: what the results store holds.</summary>
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
        return command;
    }
}
