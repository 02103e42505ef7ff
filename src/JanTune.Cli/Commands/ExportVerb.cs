using System.CommandLine;
using JanTune.Core.Export;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune export`: writes the recommended configuration for Jan, cortex, llama-server or Ollama.</summary>
internal sealed class ExportVerb : ICliVerb
{
    public Command Create(CliContext context)
    {
        var options = new RecommendOptions();
        var format = new Option<string>("--format") { Description = "jan | cortex | llama-server | ollama", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write into (existing files are backed up)", Required = true };
        var command = new Command("export", "Write the recommended configuration in a runtime's own format");
        command.Options.Add(format);
        command.Options.Add(outDir);
        options.AddTo(command);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var exporter = ConfigExporters.Get(parse.GetValue(format)!);
            var (r, _, facts, _) = options.Run(context, parse);
            var request = new ExportRequest
            {
                Config = r.Best.Config,
                ModelName = Path.GetFileNameWithoutExtension(facts.FileName),
                ModelSizeBytes = facts.FileBytes,
            };
            var files = exporter.Export(request, parse.GetValue(outDir)!.FullName, new AtomicFileWriter(TimeProvider.System));
            foreach (var f in files)
            {
                context.Console.MarkupLine($"wrote [green]{Markup.Escape(f)}[/]");
            }

            return 0;
        }));
        return command;
    }
}
