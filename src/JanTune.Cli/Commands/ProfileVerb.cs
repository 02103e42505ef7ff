using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Export;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune profile export|import`: carry a hardware profile (hardware, model, results) to another machine.</summary>
internal sealed class ProfileVerb : ICliVerb
{
    public Command Create(CliContext context)
    {
        var command = new Command("profile", "Export or import a hardware profile as one .jtprofile file");
        command.Subcommands.Add(ExportCommand(context));
        command.Subcommands.Add(ImportCommand(context));
        return command;
    }

    /// <summary>The fingerprint of the machine this runs on (its hardware detected now, not read from any profile).</summary>
    internal static string LocalMachineId(JanTunePaths paths) =>
        HardwareFingerprint.MachineId(HardwareDetector.Detect(new LlamaBackendProbe(paths).Probe()));

    private static Command ExportCommand(CliContext context)
    {
        var profile = new Option<string>("--profile") { Description = "Profile id", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Archive to write, e.g. laptop.jtprofile", Required = true };
        var results = new Option<FileInfo?>("--results") { Description = "Trial results JSON to include instead of the profile's trials in the results store" };
        var command = new Command("export", "Write a profile to a .jtprofile archive");
        command.Options.Add(profile);
        command.Options.Add(output);
        command.Options.Add(results);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var id = parse.GetValue(profile)!;
            var file = parse.GetValue(results);
            var archive = new ProfileArchive(context.Paths, TimeProvider.System);
            var outFile = parse.GetValue(output)!.FullName;
            var (path, count) = file is null ? archive.Export(id, outFile) : ExportFile(archive, id, outFile, file);
            var recommended = File.Exists(RecommendedConfig.PathFor(context.Paths, id)) ? "with its recommendation" : "no recommendation yet (run jantune recommend to include one)";
            context.Console.MarkupLine($"wrote [green]{Markup.Escape(path)}[/] ({count} trials, {Markup.Escape(recommended)})");
            return 0;
        }));
        return command;
    }

    private static (string Path, int Trials) ExportFile(ProfileArchive archive, string id, string outFile, FileInfo results)
    {
        var trials = new JsonTrialSource(results.FullName).Load(id);
        return (archive.Export(id, outFile, trials), trials.Count);
    }

    private static Command ImportCommand(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The .jtprofile archive" };
        var force = new Option<bool>("--force") { Description = "Import even if it was measured on other hardware" };
        var command = new Command("import", "Import a .jtprofile archive (local files are backed up, never overwritten)");
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var result = new ProfileArchive(context.Paths, TimeProvider.System).Import(parse.GetValue(file)!.FullName, LocalMachineId(context.Paths), parse.GetValue(force));
            context.Console.MarkupLine($"imported profile [green]{Markup.Escape(result.Id)}[/]: {result.TrialsAdded} trials added to the results store ({result.TrialsAlreadyStored} already there), {(result.HasRecommendation ? "recommendation included; serve it with jantune serve --profile " + Markup.Escape(result.Id) : "no recommendation (run jantune recommend --profile " + Markup.Escape(result.Id) + ")")}");
            return 0;
        }));
        return command;
    }
}
