using System.CommandLine;
using System.Globalization;
using JanTune.Core;
using JanTune.Core.Storage;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>
/// `jantune results import --csv FILE --profile ID`: the inverse of `results export --csv`, so trials measured
/// elsewhere can be evaluated, reported and recommended from. One transaction; a file imported twice adds nothing.
/// </summary>
internal static class ResultsImport
{
    public static Command Create(CliContext context)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "CSV written by `jantune results export --csv`", Required = true };
        var profile = new Option<string>("--profile") { Description = "Hardware profile to store the trials under (the CSV's ProfileId column is not used)", Required = true };
        var modelsDir = new Option<string[]>("--models-dir") { Description = "Folder holding the GGUF files the Model column names (repeatable; the workspace's models/ is searched after these)" };
        var command = new Command("import", "Import trials from a `results export --csv` file into the results store");
        command.Options.Add(csv);
        command.Options.Add(profile);
        command.Options.Add(modelsDir);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var file = parse.GetValue(csv)!;
            if (!file.Exists)
            {
                throw new JanTuneException($"{file.FullName} does not exist", "give the path of a CSV written by `jantune results export --csv`");
            }

            var locator = new ImportModelLocator([.. parse.GetValue(modelsDir) ?? [], context.Paths.ModelsDir]);
            IReadOnlyList<Core.Sweeps.TrialResult> trials;
            using (var reader = file.OpenText())
            {
                trials = ResultsCsvImporter.Read(reader, parse.GetValue(profile)!, locator);
            }

            using var store = ResultsStore.Open(context.Paths);
            var added = store.AppendAll(trials, TimeProvider.System.GetUtcNow());
            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"imported {added} of {trials.Count} trials into profile {parse.GetValue(profile)} ({trials.Count - added} already stored: same profile, model file, configuration, test and build)")));
            return 0;
        }));
        return command;
    }
}
