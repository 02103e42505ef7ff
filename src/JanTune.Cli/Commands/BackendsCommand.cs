using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JanTune.Core;
using JanTune.Core.Backends;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Native;
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
        command.Subcommands.Add(Verify(context));
        command.Subcommands.Add(Probe(context));
        command.Subcommands.Add(Build(context));
        command.Subcommands.Add(Source(context));
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var command = new Command("verify", "Run a tiny decode on every installed backend, each in its own process, and say why one fails");
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var model = new ModelStore(context.Paths).Ensure(SyntheticPresets.Tiny, ModelQuantization.F16);
            var table = new Table().AddColumns("backend", "works", "devices", "detail");
            var failures = 0;
            foreach (var package in BackendCatalog.All.Where(p => BackendInstaller.ReadManifest(context.Paths.BackendDir(p.Backend)) is not null))
            {
                var r = BackendVerifier.Verify(package.Backend, model, TimeSpan.FromMinutes(3));
                failures += r.Works ? 0 : 1;
                var detail = r.Works ? string.Create(CultureInfo.InvariantCulture, $"{r.TokensPerSecond:F0} t/s on a tiny model, {r.Build}") : r.Reason ?? "unknown";
                table.AddRow(package.Backend, r.Works ? "[green]yes[/]" : "[red]no[/]", Markup.Escape(string.Join("; ", r.Devices)), Markup.Escape(detail));
            }

            context.Console.Write(table);
            return failures == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Probe(CliContext context)
    {
        var backend = new Argument<string>("backend") { Description = "cpu, vulkan or cuda" };
        var model = new Option<string?>("--model") { Description = "GGUF model to decode with" };
        var devicesOnly = new Option<bool>("--devices-only") { Description = "Only print the backend's device snapshot" };
        var command = new Command("probe", "(internal) load one backend in this process, decode a few tokens, print JSON") { Hidden = true };
        command.Arguments.Add(backend);
        command.Options.Add(model);
        command.Options.Add(devicesOnly);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(backend)!;
            if (parse.GetValue(devicesOnly))
            {
                LlamaRuntime.Initialize(context.Paths, name);
                // One line: the parent reads the last JSON line of the output.
                Console.Out.WriteLine(JsonSerializer.Serialize(LlamaBackendProbe.Current(context.Paths, name), new JsonSerializerOptions(HardwareJson.Options) { WriteIndented = false }));
                return 0;
            }

            if (parse.GetValue(model) is not { } modelPath)
            {
                Console.Error.WriteLine("--model is required unless --devices-only is given");
                return 2;
            }

            BackendProbeResult result;
            try
            {
                result = BackendProbe.Run(context.Paths, name, modelPath);
            }
            catch (Exception ex) when (ex is JanTuneException or LlamaNativeException)
            {
                var said = string.Join(" ", LlamaNativeLog());
                result = new BackendProbeResult(name, false, $"{ex.Message} {said}".Trim(), null, [], null);
            }

            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return result.Works ? 0 : 1;
        });
        return command;
    }

    private static Command Build(CliContext context)
    {
        var target = new Argument<string>("backend") { Description = "cuda (the only backend built from source)" };
        var arch = new Option<string>("--arch") { Description = "native (ask nvidia-smi) or sm_XX", DefaultValueFactory = _ => "native" };
        var source = new Option<string?>("--source") { Description = "Use this extracted llama.cpp source folder instead of fetching node-llama-cpp's bundle" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel compile jobs", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("build", "Compile ggml's CUDA backend for this GPU from the pinned llama.cpp source");
        command.Arguments.Add(target);
        command.Options.Add(arch);
        command.Options.Add(source);
        command.Options.Add(jobs);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            if (!string.Equals(parse.GetValue(target), "cuda", StringComparison.OrdinalIgnoreCase))
            {
                throw new JanTuneException($"only the cuda backend is built from source, not '{parse.GetValue(target)}'", "use `jantune backends install` for cpu and vulkan");
            }

            var path = new CudaBackendBuilder(context.Paths).Build(parse.GetValue(arch)!, parse.GetValue(source), parse.GetValue(jobs), line => context.Console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            context.Console.MarkupLine($"[green]built[/] {Markup.Escape(path)}; check it with `jantune backends verify`");
            return 0;
        }));
        return command;
    }

    private static Command Source(CliContext context)
    {
        var command = new Command("source", "Fetch, verify and unpack the pinned llama.cpp source (node-llama-cpp 3.22.1's bundle); prints its folder");
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var folder = new LlamaSource(context.Paths).Ensure(line => Console.Error.WriteLine(line));
            Console.Out.WriteLine(folder);
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<string> LlamaNativeLog() => NativeLog.TakeRecentErrors();

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
