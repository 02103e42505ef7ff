using Spectre.Console;
using JanTune.Core.Sweeps;
using JanTune.Core.Reporting;
using JanTune.Core.Modeling;
using System.Globalization;
using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps.Baselines;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using JanTune.Core.Sweeps.Tune;

namespace JanTune.Cli.Commands;

/// <summary>
/// `jantune sweep`: measure every configuration of tune.json (or the embedded default) like llama-bench, in isolated
/// workers, persisting each trial as it finishes; re-running resumes.
/// </summary>
internal sealed class SweepCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var config = new Option<string?>("--config") { Description = "tune.json to use (default: ./tune.json of the workspace, else the embedded default)" };
        var model = new Option<string?>("--model", "-m") { Description = "Sweep this GGUF file with the config's grid" };
        var profile = new Option<string?>("--profile") { Description = "Hardware profile id to record under (default: detect this machine)" };
        var backend = new Option<string?>("--backend") { Description = "Only this backend (cpu, vulkan, cuda)" };
        var quick = new Option<bool>("--quick") { Description = "Smoke test: tiny model, 1 thread, 1 repetition" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan, trial count and estimated duration; measure nothing" };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Leave out llama-server's, Jan's and Ollama's default configurations (measured by default, to state what tuning bought)" };
        var timeout = new Option<int>("--trial-timeout") { Description = "Seconds a worker may stay silent before it is killed", DefaultValueFactory = _ => 600 };
        var command = new Command("sweep", "Measure every configuration that matters (tune.json), like llama-bench; resumable");
        foreach (var o in new Option[] { config, model, profile, backend, quick, dryRun, noBaselines, timeout })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, token) => CliApp.RunAsync(context, parse, async ct =>
        {
            var paths = context.Paths;
            var spec = LoadSpec(paths, parse.GetValue(config), ModelsCommand.ResolveModelArgument(parse.GetValue(model)), parse.GetValue(quick), out var source);
            var profileId = parse.GetValue(profile) is { } named ? NameProfile(paths, named) : DetectProfile(paths);
            var backends = parse.GetValue(backend) is { } b ? [b.ToLowerInvariant()]
                : spec.Backends.Count > 0 ? spec.Backends : UsableInstalledBackends(context, paths, profileId);
            var models = SweepPlanner.ResolveModels(spec, paths);
            var cores = Math.Max(1, HardwareDetector.DetectCpu().PhysicalCores);
            var plan = SweepPlanner.Plan(spec, models, backends, cores);
            if (!parse.GetValue(noBaselines))
            {
                plan = RuntimeBaselines.AddTo(plan, spec.Tests, models, backends, new MachineDefaults(cores, TotalVram(paths, profileId)));
            }
            using (var store = ResultsStore.Open(paths))
            {
                var estimator = new DurationEstimator(store.Load(profileId), plan.Repetitions, plan.Warmup);
                if (parse.GetValue(dryRun))
                {
                    SweepView.RenderPlan(context.Console, plan, source, profileId, estimator, models);
                    return 0;
                }

                var options = new SweepOptions { Paths = paths, ProfileId = profileId, TrialTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
                if (spec.Strategy == SweepStrategy.Adaptive)
                {
                    return await RunAdaptiveAsync(context, plan, options, ct);
                }

                var summary = await SweepProgressView.RunAsync(context.Console, plan, options, estimator, ct);
                SweepView.RenderSummary(context.Console, summary, profileId);
                return summary.Cancelled ? 130 : 0;
            }
        }, token));
        return command;
    }

    private static async Task<int> RunAdaptiveAsync(CliContext context, SweepPlan plan, SweepOptions options, CancellationToken ct)
    {
        var objective = plan.Trials.Any(t => t.Test.Kind == TestKind.Generation) ? TuningObjective.Generation : TuningObjective.Prompt;
        context.Console.MarkupLine($"[blue]adaptive sweep[/] over {plan.Trials.Select(t => t.Config.Key).Distinct().Count()} configurations, objective {objective}");
        var result = await new AdaptiveSweep(options, new ConsoleLogObserver(context.Console)).RunAsync(plan, objective, ct);
        SweepView.RenderSummary(context.Console, result.Sweep, options.ProfileId);
        foreach (var s in result.Searches)
        {
            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]adaptive:[/] measured {s.ConfigsMeasured} of {s.GridSize} configurations ({100.0 * s.ConfigsMeasured / s.GridSize:F0}%); best {s.BestMeasured:F1} t/s: {Markup.Escape(ReportFormat.Config(s.Best))}; {Markup.Escape(s.Claim())}"));
        }

        return 0;
    }

    private static TuneSpec LoadSpec(JanTunePaths paths, string? config, string? model, bool quick, out string source)
    {
        TuneSpec spec;
        if (config is not null)
        {
            spec = TuneFileParser.Load(config);
            source = config;
        }
        else if (File.Exists(paths.TuneFile))
        {
            spec = TuneFileParser.Load(paths.TuneFile);
            source = paths.TuneFile;
        }
        else
        {
            spec = DefaultTune.Spec;
            source = DefaultTune.SourceName;
        }

        if (model is not null)
        {
            spec = spec with { Models = [ModelSpec.File(model)] };
        }

        if (quick)
        {
            spec = spec with
            {
                Models = model is null ? [ModelSpec.Synthetic("tiny")] : spec.Models,
                Quantizations = [ModelQuantization.Q4_0],
                Threads = IntAxis.Of(1),
                Repack = [true],
                Repetitions = 1,
                TimeBudget = null,
            };
        }

        return spec;
    }

    /// <summary>GPU memory of the profile's machine (the largest total any one backend saw), which Ollama's default context follows.</summary>
    /// <summary>
    /// The installed backends, less a GPU backend whose probe saw no GPU on this machine: measured, each of its trials
    /// would fail with the same reason. Said in one line; naming it (--backend or tune.json) still measures it.
    /// </summary>
    private static IReadOnlyList<string> UsableInstalledBackends(CliContext context, JanTunePaths paths, string profileId)
    {
        var installed = SweepPlanner.InstalledBackends(paths);
        var seen = new HardwareProfileStore(paths).Load(profileId)?.Hardware.Backends ?? [];
        var usable = new List<string>();
        foreach (var name in installed)
        {
            var snapshot = seen.FirstOrDefault(s => s.Backend == name);
            if (name != "cpu" && snapshot is { ProbeError: null } && snapshot.Devices.All(d => d.Type == DeviceType.Cpu))
            {
                context.Console.MarkupLine($"[yellow]{Markup.Escape(name)}: installed, but it sees no GPU on this machine; not swept[/] (name it with --backend {Markup.Escape(name)} to measure it anyway)");
                continue;
            }

            usable.Add(name);
        }

        return usable.Count > 0 ? usable : ["cpu"];
    }

    private static long? TotalVram(JanTunePaths paths, string profileId) =>
        new HardwareProfileStore(paths).Load(profileId)?.Hardware is { } hw
            ? hw.Backends.Select(b => b.Devices.Where(d => d.Type != DeviceType.Cpu).Sum(d => d.TotalBytes)).DefaultIfEmpty(0).Max()
            : null;

    private static string NameProfile(JanTunePaths paths, string id) =>
        new HardwareProfileStore(paths).RegisterAs(id, () => DetectHardware(paths)).Id;

    private static string DetectProfile(JanTunePaths paths) =>
        new HardwareProfileStore(paths).Register(DetectHardware(paths)).Profile.Id;

    private static HardwareInfo DetectHardware(JanTunePaths paths) => HardwareDetector.Detect(new LlamaBackendProbe(paths).Probe());
}
