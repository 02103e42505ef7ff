using System.CommandLine;
using JanTune.Core.Backends;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune backends list|install`: the llama.cpp builds on this machine and where they live.</summary>
internal sealed class BackendsCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var command = new Command("backends", "List and install llama.cpp backends (cpu, vulkan, cuda)");

        var list = new Command("list", "Show installed backends, their package, version and folder");
        var check = new Option<bool>("--check") { Description = "Re-hash every library against the install manifest to detect corruption" };
        list.Options.Add(check);
        list.SetAction(parse => CliApp.Run(context, parse, () => List(context, parse.GetValue(check))));
        command.Subcommands.Add(list);

        var install = new Command("install", "Fetch a backend with npm, verify its pinned sha512 and unpack it");
        var name = new Argument<string>("backend") { Description = "cpu, vulkan or cuda" };
        install.Arguments.Add(name);
        install.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var folder = new BackendInstaller(context.Paths).Install(parse.GetValue(name)!, line => context.Console.MarkupLine(Markup.Escape(line)));
            context.Console.MarkupLine($"[green]ok[/] {Markup.Escape(folder)}");
            return 0;
        }));
        command.Subcommands.Add(install);
        return command;
    }

    private static int List(CliContext context, bool check)
    {
        var table = new Table().AddColumns("backend", "status", "package", "libraries", "folder");
        var corrupt = false;
        foreach (var package in BackendCatalog.All)
        {
            var folder = context.Paths.BackendDir(package.Backend);
            var manifest = BackendInstaller.ReadManifest(folder);
            if (manifest is null)
            {
                table.AddRow(package.Backend, "[grey]not installed[/]", Markup.Escape(package.Spec), "-", $"[grey]jantune backends install {package.Backend}[/]");
                continue;
            }

            var bad = check ? BackendInstaller.FindCorruptFiles(folder, manifest) : [];
            corrupt |= bad.Count > 0;
            var status = bad.Count > 0 ? $"[red]corrupt: {Markup.Escape(string.Join(", ", bad))}[/]" : check ? "[green]verified[/]" : "[green]installed[/]";
            table.AddRow(package.Backend, status, Markup.Escape($"{manifest.Package}@{manifest.Version}"), manifest.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(folder));
        }

        context.Console.Write(table);
        if (corrupt)
        {
            context.Console.MarkupLine("[yellow]fix:[/] reinstall a corrupt backend with `jantune backends install <backend>`");
            return 1;
        }

        return 0;
    }
}
