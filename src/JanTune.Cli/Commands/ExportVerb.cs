using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Hardware;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>
/// `jantune export`: writes the stored recommendation (profiles/&lt;id&gt;/recommended.json, the one serve --profile
/// applies) for Jan, llama-server, Ollama, LLamaSharp or (legacy) cortex. It never recommends by itself: what to
/// optimise for is `jantune recommend`'s choice, made once, so every stage runs the same configuration.
/// </summary>
internal sealed class ExportVerb : ICliVerb
{
    /// <summary>recommend's options: given to export, each is an error that says to run recommend with it first.</summary>
    private static readonly string[] RecommendOnly = ["--objective", "--min-ctx", "--max-ram", "--max-vram", "--headroom", "--results"];

    public Command Create(CliContext context)
    {
        var profile = new Option<string?>("--profile") { Description = "Hardware profile whose stored recommendation to write (default: the only one with a recommendation)" };
        var model = new Option<string?>("--model") { Description = "Model file the recommendation must be for (checked; `jantune recommend --model` chooses it)" };
        var format = new Option<string>("--format")
        {
            Description = "jan (into Jan's data folder) | llama-server | ollama | llamasharp (ModelParams JSON + C#) | cortex (legacy: cortex.cpp ignores its load keys since #2209)",
            Required = true,
        };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder to write into, for llama-server, ollama, llamasharp and cortex (existing files are backed up)" };
        var janData = new Option<DirectoryInfo?>("--jan-data") { Description = "Jan's data folder (default: the one Jan uses on this machine); model.yml goes to llamacpp/models/<id>/" };
        var engine = new Option<bool>("--engine-settings") { Description = "Jan: also update the engine-wide keys (threads, mmap, device, split, and engine-wide values that would override a tuned default) in llamacpp/settings.json, backed up first" };
        var parallel = new Option<int?>("--parallel", "-np") { Description = "Server slots the runtime should run (default: the recommendation's)" };
        var command = new Command("export", "Write the stored recommendation (from `jantune recommend`) in a runtime's own format, and say what that runtime cannot apply");
        foreach (var o in new Option[] { profile, model, format, outDir, janData, engine, parallel })
        {
            command.Options.Add(o);
        }

        var refused = RecommendOnly.Select(name => new Option<string?>(name) { Hidden = true }).ToList();
        refused.ForEach(command.Options.Add);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var exporter = ConfigExporters.Get(parse.GetValue(format)!);
            var target = Target(exporter, parse.GetValue(outDir), parse.GetValue(janData), parse.GetValue(engine));
            RefuseRecommendOptions(parse.GetValue(profile) ?? "<profile>", refused.Select(o => (o.Name, parse.GetValue(o))));
            var id = parse.GetValue(profile) ?? RecommendedConfig.OnlyProfile(context.Paths);
            var rec = RecommendedConfig.Load(context.Paths, id);
            if (parse.GetValue(model) is { } wanted && !string.Equals(Path.GetFileName(wanted), rec.ModelFile, StringComparison.Ordinal))
            {
                throw new JanTuneException($"the recommendation stored for profile {id} is for {rec.ModelFile}, not {Path.GetFileName(wanted)}",
                    $"run `jantune recommend --profile {id} --model {Path.GetFileName(wanted)}` first (it replaces the stored one), then export");
            }

            var slots = parse.GetValue(parallel) ?? rec.Parallel;
            if (slots < 1)
            {
                throw new JanTuneException("--parallel must be at least 1");
            }

            context.Console.MarkupLine(Markup.Escape(rec.SourceText(context.Paths)));
            var trials = Trials(context.Paths, id);
            if (rec.StaleWarning(trials) is { } stale)
            {
                context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(stale)}");
            }

            var request = new ExportRequest
            {
                Config = rec.Config,
                ModelName = Path.GetFileNameWithoutExtension(rec.ModelFile),
                ModelSizeBytes = ModelBytes(rec, trials),
                Parallel = slots,
                EngineSettings = parse.GetValue(engine),
                TrainedContext = TrainedContext(rec.Config.ModelPath),
                GpuDevices = GpuDevices(context, id, rec.Config.Backend),
            };
            Print(context.Console, exporter.Format, exporter.Export(request, target, new AtomicFileWriter(TimeProvider.System)));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Export writes what recommend chose; it does not choose again. A recommend option given here would silently
    /// change nothing, or silently differ from what serve --profile applies, so it is an error naming the command to run.
    /// </summary>
    internal static void RefuseRecommendOptions(string profileId, IEnumerable<(string Name, string? Value)> given)
    {
        var set = given.Where(g => !string.IsNullOrEmpty(g.Value)).ToList();
        if (set.Count == 0)
        {
            return;
        }

        var flags = string.Join(' ', set.Where(g => g.Name != "--results").Select(g => $"{g.Name} {g.Value}"));
        throw new JanTuneException(
            $"{string.Join(", ", set.Select(g => g.Name))}: export writes the recommendation stored by `jantune recommend` and does not recommend again",
            $"run `jantune recommend --profile {profileId}{(flags.Length > 0 ? " " + flags : string.Empty)}` first (it replaces the stored recommendation), then `jantune export` without {(set.Count == 1 ? "it" : "them")}");
    }

    /// <summary>The profile's trials, to see whether any are newer than the recommendation; none (an imported profile without results) is fine.</summary>
    private static IReadOnlyList<TrialResult> Trials(JanTunePaths paths, string profileId)
    {
        if (!File.Exists(Path.Combine(paths.ResultsDir, "jantune.db")))
        {
            return [];
        }

        using var store = ResultsStore.Open(paths);
        return store.Load(profileId);
    }

    /// <summary>The model's size as the sweep recorded it, else as the file is now.</summary>
    private static long ModelBytes(RecommendedConfig rec, IReadOnlyList<TrialResult> trials) =>
        trials.Select(t => t.Model).FirstOrDefault(m => m is not null && m.FileName == rec.ModelFile)?.FileBytes
        ?? (File.Exists(rec.Config.ModelPath) ? new FileInfo(rec.Config.ModelPath).Length : 0);

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
