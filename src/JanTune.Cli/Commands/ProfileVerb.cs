using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Export;
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

    /// <summary>
    /// This machine's fingerprint: the machineId of the local profiles' hardware.json, when they agree.
    /// TODO(lead): use HardwareFingerprint.MachineId(detect()) once the hw branch is merged.
    /// </summary>
    internal static string? LocalMachineId(JanTunePaths paths)
    {
        if (!Directory.Exists(paths.ProfilesDir))
        {
            return null;
        }

        var ids = Directory.GetFiles(paths.ProfilesDir, "hardware.json", SearchOption.AllDirectories)
            .Select(f => ProfileArchive.MachineIdOf(File.ReadAllBytes(f))).Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    private static Command ExportCommand(CliContext context)
    {
        var profile = new Option<string>("--profile") { Description = "Profile id", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Archive to write, e.g. laptop.jtprofile", Required = true };
        var results = new Option<FileInfo?>("--results") { Description = "Trial results JSON to include" };
        var command = new Command("export", "Write a profile to a .jtprofile archive");
        command.Options.Add(profile);
        command.Options.Add(output);
        command.Options.Add(results);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var id = parse.GetValue(profile)!;
            var file = parse.GetValue(results);
            var trials = file is null ? [] : new JsonTrialSource(file.FullName).Load(id);
            var path = new ProfileArchive(context.Paths, TimeProvider.System).Export(id, parse.GetValue(output)!.FullName, trials);
            context.Console.MarkupLine($"wrote [green]{Markup.Escape(path)}[/] ({trials.Count} trials)");
            return 0;
        }));
        return command;
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
            var id = new ProfileArchive(context.Paths, TimeProvider.System).Import(parse.GetValue(file)!.FullName, LocalMachineId(context.Paths), parse.GetValue(force));
            context.Console.MarkupLine($"imported profile [green]{Markup.Escape(id)}[/]");
            return 0;
        }));
        return command;
    }
}
