using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using JanTune.Server.Config;
using JanTune.Server.Hosting;
using JanTune.Server.Threads;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune serve`: the tuned runtime, an OpenAI-compatible API and a chat page on 127.0.0.1:1337.</summary>
internal sealed class ServeCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var model = new Option<string?>("--model", "-m") { Description = "GGUF model file (or model_path from --config / the profile)" };
        var config = new Option<string?>("--config") { Description = "Jan model.yml with llama.cpp settings" };
        var profile = new Option<string?>("--profile") { Description = "Apply the recommendation stored for this hardware profile" };
        var host = new Option<string>("--host") { Description = "Address to listen on (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 1337 };
        var apiKey = new Option<string?>("--api-key") { Description = "Require Authorization: Bearer <key> on /v1 and /metrics" };
        var parallel = new Option<int?>("--parallel", "-np") { Description = "Requests decoded together (slots)" };
        var queue = new Option<int>("--queue") { Description = "Requests that may wait for a slot before 503", DefaultValueFactory = _ => 16 };
        var ctx = new Option<int?>("--ctx", "-c") { Description = "Context length per slot" };
        var threads = new Option<int?>("--threads", "-t") { Description = "CPU threads" };
        var threadsMode = new Option<ThreadsMode>("--threads-mode")
        {
            Description = "fixed, light (leave a core free), balanced (use free cores), power-save (one thread)",
            DefaultValueFactory = _ => ThreadsMode.Fixed,
            CustomParser = r => ParseMode(r.Tokens.Count == 0 ? "fixed" : r.Tokens[0].Value, r),
        };
        var ngl = new Option<int?>("--ngl") { Description = "Layers to offload to the GPU" };
        var backend = new Option<string?>("--backend") { Description = "cpu, vulkan or cuda (default: the profile's, else cpu)" };
        var origins = new Option<string[]>("--allowed-origin") { Description = "CORS origin allowed to call the API (repeatable; none by default)", AllowMultipleArgumentsPerToken = false };
        var hosts = new Option<string[]>("--allowed-host") { Description = "Extra Host header value to accept, e.g. mybox.lan:1337 (repeatable)" };
        var kvUnified = new Option<bool>("--kv-unified") { Description = "One KV buffer for all slots instead of one per slot (off by default: per-slot buffers keep each client's output independent of the others)" };

        var command = new Command("serve", "Serve a model: OpenAI-compatible API (/v1/chat/completions, /v1/completions, /v1/models), /health, /metrics and a chat page");
        foreach (var o in new Option[] { model, config, profile, host, port, apiKey, parallel, queue, ctx, threads, threadsMode, ngl, backend, origins, hosts, kvUnified })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, token) => CliApp.RunAsync(context, parse, async ct =>
        {
            var flags = new ServeFlags(
                parse.GetValue(model), parse.GetValue(config), parse.GetValue(profile), parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(apiKey),
                parse.GetValue(parallel), parse.GetValue(queue), parse.GetValue(ctx), parse.GetValue(threads), parse.GetValue(threadsMode), parse.GetValue(ngl),
                parse.GetValue(origins) ?? [], parse.GetValue(hosts) ?? [], parse.GetValue(kvUnified));
            var (settings, backendName) = Resolve(flags, parse.GetValue(backend), context.Paths);
            LlamaRuntime.Initialize(context.Paths, backendName);
            await using var server = await JanTuneServer.StartAsync(settings, cancellationToken: ct);
            context.Console.MarkupLine($"[green]serving[/] {Markup.Escape(settings.EffectiveModelId)} on {Markup.Escape(server.BaseAddress.ToString())} (chat page at /, API at /v1); Ctrl-C stops");
            await server.WaitForShutdownAsync(ct);
            return 0;
        }, token));
        return command;
    }

    /// <summary>Layers the sources: profile, then model.yml, then explicit flags (the most specific wins).</summary>
    internal static (ServeSettings Settings, string Backend) Resolve(ServeFlags f, string? backend, JanTunePaths paths)
    {
        var source = new List<string>();
        RecommendedConfig? rec = null;
        if (f.Profile is not null)
        {
            rec = RecommendedConfig.Load(paths, f.Profile);
            source.Add($"profile {f.Profile}");
        }

        ModelYamlSettings? yml = null;
        if (f.Config is not null)
        {
            yml = ModelYamlReader.Read(f.Config);
            source.Add($"config {f.Config}");
        }

        var modelPath = f.Model ?? yml?.ModelPath ?? rec?.Config.ModelPath
            ?? throw new JanTuneException("no model given", "pass --model file.gguf, or a --config / --profile that names one");
        if (f.Config is not null && yml?.ModelPath is { } p && f.Model is null && !Path.IsPathRooted(p))
        {
            modelPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(f.Config))!, p);
        }

        if (f.Model is not null || f.Threads is not null || f.Ctx is not null || f.Parallel is not null || f.Ngl is not null)
        {
            source.Add("flags");
        }

        var defaults = new ServeSettings { ModelPath = modelPath };
        var settings = defaults with
        {
            Host = f.Host,
            Port = f.Port,
            ApiKey = string.IsNullOrEmpty(f.ApiKey) ? null : f.ApiKey,
            AllowedOrigins = f.Origins,
            AllowedHosts = f.Hosts,
            QueueLimit = f.Queue,
            ThreadsMode = f.ThreadsMode,
            KvUnified = f.KvUnified,
            Parallel = f.Parallel ?? yml?.Parallel ?? rec?.Parallel ?? defaults.Parallel,
            SlotContextSize = f.Ctx ?? yml?.ContextSize ?? rec?.Config.ContextSize ?? defaults.SlotContextSize,
            Threads = f.Threads ?? yml?.Threads ?? rec?.Config.Threads ?? defaults.Threads,
            ThreadsBatch = yml?.ThreadsBatch ?? rec?.Config.Threads ?? 0,
            GpuLayers = f.Ngl ?? yml?.GpuLayers ?? rec?.Config.GpuLayers ?? defaults.GpuLayers,
            BatchSize = yml?.BatchSize ?? rec?.Config.BatchSize ?? defaults.BatchSize,
            UBatchSize = yml?.UBatchSize ?? rec?.Config.UBatchSize ?? defaults.UBatchSize,
            FlashAttention = yml?.FlashAttention ?? rec?.Config.FlashAttention ?? defaults.FlashAttention,
            CacheTypeK = yml?.CacheTypeK ?? rec?.Config.CacheType ?? defaults.CacheTypeK,
            CacheTypeV = yml?.CacheTypeV ?? rec?.Config.CacheType ?? defaults.CacheTypeV,
            WeightRepack = rec?.Config.WeightRepack ?? defaults.WeightRepack,
            ThreadScaling = rec?.ThreadScaling,
            Source = source.Count == 0 ? "defaults" : string.Join(" + ", source),
        };
        if (settings.Parallel < 1 || settings.SlotContextSize < 16 || settings.Threads < 1)
        {
            throw new JanTuneException("--parallel and --threads must be at least 1 and --ctx at least 16");
        }

        return (settings, backend ?? rec?.Config.Backend ?? "cpu");
    }

    private static ThreadsMode ParseMode(string value, System.CommandLine.Parsing.ArgumentResult result)
    {
        switch (value.ToLowerInvariant())
        {
            case "fixed": return ThreadsMode.Fixed;
            case "light": return ThreadsMode.Light;
            case "balanced": return ThreadsMode.Balanced;
            case "power-save" or "powersave": return ThreadsMode.PowerSave;
            default:
                result.AddError($"--threads-mode must be fixed, light, balanced or power-save, not '{value}'");
                return ThreadsMode.Fixed;
        }
    }

    /// <summary>The raw flag values, before layering.</summary>
    internal sealed record ServeFlags(
        string? Model, string? Config, string? Profile, string Host, int Port, string? ApiKey, int? Parallel, int Queue, int? Ctx, int? Threads,
        ThreadsMode ThreadsMode, int? Ngl, IReadOnlyList<string> Origins, IReadOnlyList<string> Hosts, bool KvUnified);
}
