using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Hardware;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune export`: writes the recommended configuration for Jan, llama-server, Ollama or (legacy) cortex.</summary>
internal sealed class ExportVerb : ICliVerb
{
    public Command Create(CliContext context)
    {
        var options = new RecommendOptions();
        var format = new Option<string>("--format")
        {
            Description = "jan (into Jan's data folder) | llama-server | ollama | llamasharp (ModelParams JSON + C#) | cortex (legacy: cortex.cpp ignores its load keys since #2209)",
            Required = true,
        };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder to write into, for llama-server, ollama, llamasharp and cortex (existing files are backed up)" };
        var janData = new Option<DirectoryInfo?>("--jan-data") { Description = "Jan's data folder (default: the one Jan uses on this machine); model.yml goes to llamacpp/models/<id>/" };
        var engine = new Option<bool>("--engine-settings") { Description = "Jan: also update the engine-wide keys (threads, mmap, device, split, and engine-wide values that would override a tuned default) in llamacpp/settings.json, backed up first" };
        var parallel = new Option<int>("--parallel", "-np") { Description = "Server slots the runtime should run", DefaultValueFactory = _ => 1 };
        var command = new Command("export", "Write the recommended configuration in a runtime's own format, and say what that runtime cannot apply");
        foreach (var o in new Option[] { format, outDir, janData, engine, parallel })
        {
            command.Options.Add(o);
        }

        options.AddTo(command);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var exporter = ConfigExporters.Get(parse.GetValue(format)!);
            var target = Target(exporter, parse.GetValue(outDir), parse.GetValue(janData), parse.GetValue(engine));
            if (parse.GetValue(parallel) < 1)
            {
                throw new JanTuneException("--parallel must be at least 1");
            }

            var (result, _) = options.Run(context, parse);
            var facts = result.Facts;
            var request = new ExportRequest
            {
                Config = result.Recommendation.Best.Config,
                ModelName = Path.GetFileNameWithoutExtension(facts.FileName),
                ModelSizeBytes = facts.FileBytes,
                Parallel = parse.GetValue(parallel),
                EngineSettings = parse.GetValue(engine),
                TrainedContext = TrainedContext(result.Recommendation.Best.Config.ModelPath),
                GpuDevices = GpuDevices(context, result.ProfileId, result.Recommendation.Best.Config.Backend),
            };
            Print(context.Console, exporter.Format, exporter.Export(request, target, new AtomicFileWriter(TimeProvider.System)));
            return 0;
        }));
        return command;
    }

    /// <summary>The GGUF's trained context, for a configuration whose context is 0 ("the model's"); null when the file is not readable here.</summary>
    private static int? TrainedContext(string modelPath)
    {
        try
        {
            return File.Exists(modelPath) && GgufReader.Read(modelPath).ContextLength is { } n and > 0 and <= int.MaxValue ? (int)n : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JanTuneException)
        {
            return null;
        }
    }

    /// <summary>The ggml names of the backend's GPUs in the tuned profile's hardware.json (empty when not recorded).</summary>
    private static IReadOnlyList<string> GpuDevices(CliContext context, string profileId, string backend) =>
        new HardwareProfileStore(context.Paths).Load(profileId)?.Hardware.Backends
            .Where(b => string.Equals(b.Backend, backend, StringComparison.OrdinalIgnoreCase))
            .SelectMany(b => b.Devices)
            .Where(d => d.Type != DeviceType.Cpu)
            .Select(d => d.Name)
            .ToList() ?? [];

    /// <summary>Jan writes into its data folder; the other formats into --out.</summary>
    internal static string Target(IConfigExporter exporter, DirectoryInfo? outDir, DirectoryInfo? janData, bool engineSettings)
    {
        if (exporter is JanExporter)
        {
            if (outDir is not null)
            {
                throw new JanTuneException("--out is not used by --format jan", "pass --jan-data DIR (Jan's data folder), or leave it out to use the one Jan uses here");
            }

            return janData?.FullName ?? JanDataFolder.Find()
                ?? throw new JanTuneException("no Jan data folder found on this machine", "pass --jan-data DIR (Jan shows it under Settings > General > Data folder)");
        }

        if (janData is not null || engineSettings)
        {
            throw new JanTuneException("--jan-data and --engine-settings are for --format jan", "use --out DIR for " + exporter.Format);
        }

        return outDir?.FullName ?? throw new JanTuneException($"--format {exporter.Format} needs --out DIR");
    }

    internal static void Print(IAnsiConsole console, string format, ExportResult result)
    {
        foreach (var f in result.Files)
        {
            console.MarkupLine($"wrote [green]{Markup.Escape(f)}[/]");
        }

        foreach (var b in result.Backups)
        {
            console.MarkupLine($"previous file backed up to {Markup.Escape(b)}");
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(format)}:[/] {Markup.Escape(note)}");
        }
    }
}
