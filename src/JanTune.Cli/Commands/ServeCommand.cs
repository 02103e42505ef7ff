using System.CommandLine;
using System.Globalization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core;
using JanTune.Native;
using JanTune.Native.Interop;
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
        var config = new Option<string?>("--config") { Description = "A Jan or cortex model.yml, or a llama-server.sh or Modelfile from `jantune export`, whose llama.cpp settings to apply" };
        var profile = new Option<string?>("--profile") { Description = "Apply the recommendation stored for this hardware profile" };
        var host = new Option<string>("--host") { Description = "Address to listen on (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 1337 };
        var apiKey = new Option<string?>("--api-key") { Description = "Require the key on /v1 and /metrics, as Authorization: Bearer <key> or X-Api-Key: <key> (Jan's header)" };
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
        var flash = new Option<FlashAttention?>("--flash-attn", "-fa")
        {
            Description = "on, off or auto (default: the config's or profile's, else auto)",
            CustomParser = r => ParseNamed<FlashAttention>(r, "--flash-attn", (string t, out FlashAttention v) => LlamaCppNames.TryParseFlashAttention(t, out v), ["on", "off", "auto"]),
        };
        var cacheK = new Option<GgmlType?>("--cache-type-k", "-ctk")
        {
            Description = "KV cache type for K: " + string.Join(", ", LlamaCppNames.CacheTypeNames) + " (also sets V unless --cache-type-v is given)",
            CustomParser = r => ParseNamed<GgmlType>(r, "--cache-type-k", LlamaCppNames.TryParseCacheType, LlamaCppNames.CacheTypeNames),
        };
        var cacheV = new Option<GgmlType?>("--cache-type-v", "-ctv")
        {
            Description = "KV cache type for V: " + string.Join(", ", LlamaCppNames.CacheTypeNames),
            CustomParser = r => ParseNamed<GgmlType>(r, "--cache-type-v", LlamaCppNames.TryParseCacheType, LlamaCppNames.CacheTypeNames),
        };
        var split = new Option<SplitMode?>("--split-mode", "-sm")
        {
            Description = "Multi-GPU split: " + string.Join(", ", LlamaCppNames.SplitModeNames),
            CustomParser = r => ParseNamed<SplitMode>(r, "--split-mode", LlamaCppNames.TryParseSplitMode, LlamaCppNames.SplitModeNames),
        };
        var tensorSplit = new Option<string?>("--tensor-split", "-ts") { Description = "Proportions of the model per GPU, e.g. 3,1", CustomParser = ParseTensorSplit };
        Closed(flash, ["on", "off", "auto"]);
        Closed(cacheK, LlamaCppNames.CacheTypeNames);
        Closed(cacheV, LlamaCppNames.CacheTypeNames);
        Closed(split, LlamaCppNames.SplitModeNames);
        var nCpuMoe = new Option<int?>("--n-cpu-moe", "-ncmoe") { Description = "MoE: keep the routed experts of the first N layers on the CPU (llama.cpp --n-cpu-moe)" };
        var cpuMoe = new Option<bool>("--cpu-moe", "-cmoe") { Description = "MoE: keep every layer's routed experts on the CPU (llama.cpp --cpu-moe)" };
        var overrideTensor = new Option<string?>("--override-tensor", "-ot") { Description = "Keep tensors matching these patterns in host memory: pattern=CPU[,pattern=CPU...] (llama.cpp -ot, e.g. what llama-fit-params prints; =CPU only)" };
        var poll = new Option<int?>("--poll") { Description = "CPU threadpool: 0-100, how long workers spin before sleeping (llama.cpp --poll; default 50)" };
        var cpuMask = new Option<string?>("--cpu-mask", "-C") { Description = "CPU threadpool: hex CPU affinity mask, bit i = CPU i (llama.cpp --cpu-mask)" };
        // A string, not a bool: System.CommandLine only takes true/false after a bool flag, and llama-server's spelling is 0|1.
        var cpuStrict = new Option<string?>("--cpu-strict")
        {
            Description = "CPU threadpool: pin each worker to one CPU of the mask (llama.cpp --cpu-strict <0|1>; alone = 1)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var prio = new Option<int?>("--prio") { Description = "CPU threadpool: scheduling priority -1 low, 0 normal, 1 medium, 2 high, 3 realtime (llama.cpp --prio)" };
        var kvUnified = new Option<bool>("--kv-unified") { Description = "One KV buffer for all slots instead of one per slot (off by default: per-slot buffers keep each client's output independent of the others)" };

        var command = new Command("serve", "Serve a model: OpenAI-compatible API (/v1/chat/completions, /v1/completions, /v1/models), /health, /metrics and a chat page");
        foreach (var o in new Option[] { model, config, profile, host, port, apiKey, parallel, queue, ctx, threads, threadsMode, ngl, backend, origins, hosts, kvUnified, flash, cacheK, cacheV, split, tensorSplit, nCpuMoe, cpuMoe, overrideTensor, poll, cpuMask, cpuStrict, prio })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, token) => CliApp.RunAsync(context, parse, async ct =>
        {
            var flags = new ServeFlags(
                ModelsCommand.ResolveModelArgument(parse.GetValue(model)), parse.GetValue(config), parse.GetValue(profile), parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(apiKey),
                parse.GetValue(parallel), parse.GetValue(queue), parse.GetValue(ctx), parse.GetValue(threads), parse.GetValue(threadsMode), parse.GetValue(ngl),
                parse.GetValue(origins) ?? [], parse.GetValue(hosts) ?? [], parse.GetValue(kvUnified),
                parse.GetValue(flash), parse.GetValue(cacheK), parse.GetValue(cacheV), parse.GetValue(split), parse.GetValue(tensorSplit))
            {
                CpuMoeLayers = parse.GetValue(nCpuMoe),
                CpuMoe = parse.GetValue(cpuMoe),
                OverrideTensor = parse.GetValue(overrideTensor),
                Poll = parse.GetValue(poll),
                CpuMask = parse.GetValue(cpuMask),
                CpuStrict = parse.GetResult(cpuStrict) is null ? null : ParseStrict(parse.GetValue(cpuStrict)),
                Priority = parse.GetValue(prio),
            };
            var (settings, backendName) = Resolve(flags, parse.GetValue(backend), context.Paths);
            // Checked before listening: a missing or malformed file is the user's to fix now, not a background load
            // failure behind a server that stays up.
            ModelFileCheck.ThrowIfNotGguf(settings.ModelPath);
            LlamaRuntime.Initialize(context.Paths, backendName);
            await using var server = await JanTuneServer.StartAsync(settings, cancellationToken: ct);
            context.Console.MarkupLine($"[green]serving[/] {Markup.Escape(settings.EffectiveModelId)} on {Markup.Escape(server.BaseAddress.ToString())} (chat page at /, API at /v1); Ctrl-C stops");
            await server.WaitForShutdownAsync(ct);
            return 0;
        }, token));
        return command;
    }

    /// <summary>
    /// Layers the sources onto one <see cref="TrialConfig"/>: the profile's recommendation (or serve's defaults), then
    /// the config file, then explicit flags (the most specific wins), and records for every knob where its value came
    /// from, for the startup log.
    /// </summary>
    /// <param name="f">The flags as given.</param>
    /// <param name="backend">--backend, if given.</param>
    /// <param name="paths">The workspace (profiles, installed backends).</param>
    /// <param name="installedBackends">The backends installed in the workspace (default: read from it), to judge GPU layers with no backend named.</param>
    internal static (ServeSettings Settings, string Backend) Resolve(ServeFlags f, string? backend, JanTunePaths paths, IReadOnlyList<string>? installedBackends = null)
    {
        var source = new List<string>();
        RecommendedConfig? rec = null;
        if (f.Profile is not null)
        {
            rec = RecommendedConfig.Load(paths, f.Profile);
            source.Add($"profile {f.Profile}");
        }

        ConfigFileSettings? cfg = null;
        if (f.Config is not null)
        {
            cfg = ConfigFileReader.Read(f.Config);
            source.Add($"config {f.Config}");
        }

        if (f.Model is not null || f.Threads is not null || f.Ctx is not null || f.Parallel is not null || f.Ngl is not null || f.Flash is not null
            || f.CacheK is not null || f.CacheV is not null || f.Split is not null || f.TensorSplit is not null || backend is not null
            || f.CpuMoeLayers is not null || f.CpuMoe || f.OverrideTensor is not null)
        {
            source.Add("flags");
        }

        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromProfile = $"profile {f.Profile}";

        // The first layer that has the knob wins; with none, the base (the profile's value, else the default) stays.
        T Pick<T>(string knob, T fallback, params (bool Has, T Value, string Origin)[] layers)
        {
            foreach (var (has, value, origin) in layers)
            {
                if (has)
                {
                    origins[knob] = origin;
                    return value;
                }
            }

            if (rec is not null)
            {
                origins[knob] = fromProfile;
            }

            return fallback;
        }

        static (bool, T, string) Flag<T>(T? value, string flag) where T : struct => (value.HasValue, value.GetValueOrDefault(), "flag " + flag);
        // A config file's layer: only the fields the file sets (its Origins) are applied.
        (bool, T, string) Config<T>(Func<TrialConfig, T> value, string property) => (cfg?.Sets(property) == true, cfg is null ? default! : value(cfg.Config), "config " + cfg?.Origin(property));

        var profileModel = rec is null ? null : ProfileModelPath(rec, paths);
        var modelPath = f.Model ?? cfg?.ModelPath ?? profileModel
            ?? throw new JanTuneException("no model given", "pass --model file.gguf, or a --config / --profile that names one");
        origins["model"] = f.Model is not null ? "flag --model" : cfg?.ModelPath is not null ? "config " + cfg.Origin("ModelPath") : fromProfile;
        var b = (rec?.Config ?? ServeSettings.DefaultConfig(modelPath)) with { ModelPath = modelPath };
        var tensorSplit = Pick("tensor_split", b.TensorSplit, (f.TensorSplit is not null, f.TensorSplit ?? string.Empty, "flag --tensor-split"), Config(c => c.TensorSplit, nameof(TrialConfig.TensorSplit)));
        var cacheK = Pick("cache_type_k", b.CacheType, Flag(f.CacheK, "--cache-type-k"), Config(c => c.CacheType, nameof(TrialConfig.CacheType)));
        var cacheV = Pick<GgmlType?>("cache_type_v", b.CacheTypeV, (f.CacheV.HasValue, f.CacheV, "flag --cache-type-v"), (f.CacheK.HasValue, f.CacheK, "flag --cache-type-k"), Config(c => c.CacheTypeV, nameof(TrialConfig.CacheTypeV)));
        if (cacheV is null && origins.TryGetValue("cache_type_k", out var kOrigin))
        {
            origins["cache_type_v"] = kOrigin; // V follows K
        }

        var config = b with
        {
            Backend = Pick("backend", b.Backend, (backend is not null, backend?.ToLowerInvariant() ?? string.Empty, "flag --backend"), Config(c => c.Backend, nameof(TrialConfig.Backend))),
            ContextSize = Pick("ctx", b.ContextSize, Flag(f.Ctx, "--ctx"), Config(c => c.ContextSize, nameof(TrialConfig.ContextSize))),
            Threads = Pick("threads", b.Threads, Flag(f.Threads, "--threads"), Config(c => c.Threads, nameof(TrialConfig.Threads))),
            ThreadsBatch = Pick("threads_batch", b.ThreadsBatch, Config(c => c.ThreadsBatch, nameof(TrialConfig.ThreadsBatch))),
            GpuLayers = Pick("n_gpu_layers", b.GpuLayers, Flag(f.Ngl, "--ngl"), Config(c => c.GpuLayers, nameof(TrialConfig.GpuLayers))),
            BatchSize = Pick("batch", b.BatchSize, Config(c => c.BatchSize, nameof(TrialConfig.BatchSize))),
            UBatchSize = Pick("ubatch", b.UBatchSize, Config(c => c.UBatchSize, nameof(TrialConfig.UBatchSize))),
            FlashAttention = Pick("flash_attn", b.FlashAttention, Flag(f.Flash, "--flash-attn"), Config(c => c.FlashAttention, nameof(TrialConfig.FlashAttention))),
            CacheType = cacheK,
            CacheTypeV = cacheV == cacheK ? null : cacheV,
            WeightRepack = Pick("weight_repack", b.WeightRepack, Config(c => c.WeightRepack, nameof(TrialConfig.WeightRepack))),
            UseMmap = Pick("mmap", b.UseMmap, Config(c => c.UseMmap, nameof(TrialConfig.UseMmap))),
            SplitMode = Pick("split_mode", b.SplitMode, Flag(f.Split, "--split-mode"), Config(c => c.SplitMode, nameof(TrialConfig.SplitMode))),
            TensorSplit = tensorSplit,
            CpuMoeLayers = Pick("n_cpu_moe", b.CpuMoeLayers, Flag(f.CpuMoeLayers, "--n-cpu-moe"), Config(c => c.CpuMoeLayers, nameof(TrialConfig.CpuMoeLayers))),
            CpuMoe = Pick("cpu_moe", b.CpuMoe, (f.CpuMoe, true, "flag --cpu-moe"), Config(c => c.CpuMoe, nameof(TrialConfig.CpuMoe))),
            OverrideTensor = Pick("override_tensor", b.OverrideTensor, (f.OverrideTensor is not null, f.OverrideTensor, "flag --override-tensor"), Config(c => c.OverrideTensor, nameof(TrialConfig.OverrideTensor))),
            Threadpool = Pick("cpu threadpool", b.Threadpool,
                (f.SetsThreadpool, f.SetsThreadpool ? f.ThreadpoolOver((cfg?.Sets(nameof(TrialConfig.Threadpool)) == true ? cfg.Config.Threadpool : b.Threadpool) ?? CpuThreadpoolSettings.Default) : null, f.ThreadpoolFlags),
                (cfg?.Sets(nameof(TrialConfig.Threadpool)) == true, cfg?.Config.Threadpool, "config " + cfg?.Origin(nameof(TrialConfig.Threadpool)))),
        };
        if (config.CpuMoeLayers < 0)
        {
            throw new JanTuneException($"--n-cpu-moe {config.CpuMoeLayers} is not valid", "give 0 or more layers");
        }

        _ = TensorOverrides.CpuPatterns(config.OverrideTensor); // a bad -ot ends here, before anything loads

        var serving = new ServingOptions
        {
            Host = f.Host,
            Port = f.Port,
            ApiKey = string.IsNullOrEmpty(f.ApiKey) ? null : f.ApiKey,
            AllowedOrigins = f.Origins,
            AllowedHosts = f.Hosts,
            QueueLimit = f.Queue,
            ThreadsMode = f.ThreadsMode,
            KvUnified = Pick("kv_unified", false, (f.KvUnified, true, "flag --kv-unified"), (cfg?.KvUnified is not null, cfg?.KvUnified == true, "config " + cfg?.Origin("KvUnified"))),
            Parallel = Pick("parallel", rec?.Parallel ?? 1, Flag(f.Parallel, "--parallel"), (cfg?.Parallel is not null, cfg?.Parallel ?? 1, "config " + cfg?.Origin("Parallel"))),
        };
        if (cfg is { SharedContext: true } && origins.GetValueOrDefault("ctx")?.StartsWith("config ", StringComparison.Ordinal) == true
            && serving.Parallel > 1 && config.ContextSize > 0)
        {
            // Jan's ctx_size is one KV cache its slots share: the same total, unified, split into serve's slots.
            origins["ctx"] += $", one KV cache of {config.ContextSize} tokens shared by the {serving.Parallel} slots as in Jan";
            config = config with { ContextSize = config.ContextSize / serving.Parallel };
        }

        var warnings = GpuLayerChecks(config, cfg, origins, installedBackends ?? SweepPlanner.InstalledBackends(paths));
        if (serving.Parallel < 1 || (config.ContextSize != 0 && config.ContextSize < 16) || config.Threads < 1)
        {
            throw new JanTuneException("--parallel and --threads must be at least 1 and --ctx 0 (the model's) or at least 16");
        }

        if (rec?.ThreadScaling is { Count: > 0 })
        {
            origins["thread_scaling"] = fromProfile;
        }

        if (origins.GetValueOrDefault("kv_unified") == fromProfile)
        {
            origins.Remove("kv_unified"); // a serving knob: the profile does not hold it, so it is the default
        }

        var settings = new ServeSettings
        {
            Config = config,
            Serving = serving,
            ThreadScaling = rec?.ThreadScaling,
            Source = source.Count == 0 ? "defaults" : string.Join(" + ", source),
            NotApplied = cfg?.NotApplied ?? [],
            Origins = origins,
            Warnings = warnings,
        };
        return (settings, config.Backend);
    }

    /// <summary>
    /// GPU layers with no GPU backend to run them: an error when nobody chose the cpu backend and a GPU one is
    /// installed (the file meant a GPU), a warning line when the cpu backend is chosen or the only one. A config's
    /// n_gpu_layers -1 is auto (llama.cpp's fit), which serve does not do: on a GPU backend that is an error.
    /// </summary>
    private static List<string> GpuLayerChecks(TrialConfig config, ConfigFileSettings? cfg, Dictionary<string, string> origins, IReadOnlyList<string> installed)
    {
        var warnings = new List<string>();
        var layersOrigin = origins.GetValueOrDefault("n_gpu_layers");
        var auto = cfg is { GpuLayersAuto: true } && layersOrigin?.StartsWith("config ", StringComparison.Ordinal) == true;
        var layers = auto ? "-1 (auto)" : config.GpuLayers < 0 ? "all" : config.GpuLayers.ToString(CultureInfo.InvariantCulture);
        var from = layersOrigin is null ? string.Empty : $" ({layersOrigin})";
        if (config.GpuLayers == 0)
        {
            return warnings;
        }

        if (WeightPlacement.IsCpuBackend(config.Backend))
        {
            var gpus = installed.Where(b => !WeightPlacement.IsCpuBackend(b)).ToList();
            if (!origins.ContainsKey("backend") && gpus.Count > 0)
            {
                throw new JanTuneException(
                    $"n_gpu_layers {layers}{from} asks for GPU layers, but nothing names a backend, so jantune serve would run every layer on the cpu backend",
                    $"pass --backend {string.Join('|', gpus)} (installed here) to offload them, or --ngl 0 to run on the CPU");
            }

            warnings.Add($"n_gpu_layers {layers}{from} has no effect on the cpu backend{(gpus.Count == 0 ? ", the only one installed" : string.Empty)}: every layer runs on the CPU");
            return warnings;
        }

        if (auto)
        {
            throw new JanTuneException(
                $"{cfg!.Origin(nameof(TrialConfig.GpuLayers))} is -1, which Jan and llama.cpp read as auto (llama.cpp's fit picks the layers that fit); jantune serve does not fit layers, and would otherwise offload all",
                "set it to a number of layers (`jantune recommend` finds the fastest that fits), or pass --ngl N");
        }

        return warnings;
    }

    /// <summary>
    /// The model the profile was measured with. A profile imported from another machine of the same kind names that
    /// machine's path; the same file name in this workspace's models/ folder is the same model.
    /// </summary>
    private static string ProfileModelPath(RecommendedConfig rec, JanTunePaths paths)
    {
        var path = rec.Config.ModelPath;
        var local = Path.Combine(paths.ModelsDir, Path.GetFileName(path));
        return !File.Exists(path) && File.Exists(local) ? local : path;
    }

    /// <summary>--tensor-split: proportions per GPU, "3,1".</summary>
    private static string? ParseTensorSplit(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !parts.All(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0))
        {
            result.AddError($"--tensor-split takes proportions per GPU such as 3,1, not '{text}'");
            return null;
        }

        return string.Join(',', parts);
    }

    /// <summary>
    /// Help and completion show the values llama.cpp accepts, as it spells them, instead of every member of the enum
    /// behind the option (GgmlType holds weight types no KV cache can use).
    /// </summary>
    private static void Closed<T>(Option<T> option, IReadOnlyList<string> names)
    {
        option.HelpName = string.Join('|', names);
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. names]);
    }

    /// <summary>A closed set spelled as llama.cpp spells it; an unknown value is a parse error listing the known ones.</summary>
    private static T? ParseNamed<T>(System.CommandLine.Parsing.ArgumentResult result, string option, TryParse<T> parse, IEnumerable<string> names) where T : struct
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (parse(text, out var value))
        {
            return value;
        }

        result.AddError($"{option} must be one of {string.Join(", ", names)}, not '{text}'");
        return null;
    }

    private delegate bool TryParse<T>(string text, out T value);

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

    /// <summary>llama-server's --cpu-strict takes 0 or 1; true/false/on/off are accepted too, and the bare flag means 1.</summary>
    internal static bool ParseStrict(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "1" or "true" or "on" => true,
        "0" or "false" or "off" => false,
        _ => throw new JanTuneException($"--cpu-strict must be 0 or 1, not '{value}'", "give --cpu-strict 1 (or alone) to pin each worker to one CPU, 0 to let them float"),
    };

    /// <summary>The raw flag values, before layering.</summary>
    internal sealed record ServeFlags(
        string? Model, string? Config, string? Profile, string Host, int Port, string? ApiKey, int? Parallel, int Queue, int? Ctx, int? Threads,
        ThreadsMode ThreadsMode, int? Ngl, IReadOnlyList<string> Origins, IReadOnlyList<string> Hosts, bool KvUnified,
        FlashAttention? Flash = null, GgmlType? CacheK = null, GgmlType? CacheV = null, SplitMode? Split = null, string? TensorSplit = null)
    {
        /// <summary>--n-cpu-moe N; null = not given.</summary>
        public int? CpuMoeLayers { get; init; }

        /// <summary>--cpu-moe.</summary>
        public bool CpuMoe { get; init; }

        /// <summary>--override-tensor; null = not given.</summary>
        public string? OverrideTensor { get; init; }

        /// <summary>--poll; null = not given.</summary>
        public int? Poll { get; init; }

        /// <summary>--cpu-mask; null = not given.</summary>
        public string? CpuMask { get; init; }

        /// <summary>--cpu-strict; null = not given.</summary>
        public bool? CpuStrict { get; init; }

        /// <summary>--prio; null = not given.</summary>
        public int? Priority { get; init; }

        /// <summary>Any threadpool flag was given.</summary>
        public bool SetsThreadpool => Poll.HasValue || CpuMask is not null || CpuStrict.HasValue || Priority.HasValue;

        /// <summary>The flags given, laid over <paramref name="under"/> (the profile's or the file's pool), checked as llama.cpp checks them.</summary>
        public CpuThreadpoolSettings ThreadpoolOver(CpuThreadpoolSettings under)
        {
            if (Priority is { } p && !Enum.IsDefined((GgmlSchedPriority)p))
            {
                throw new JanTuneException($"--prio {p} is not valid", "give -1 (low), 0 (normal), 1 (medium), 2 (high) or 3 (realtime)");
            }

            var pool = under with
            {
                Poll = Poll ?? under.Poll,
                CpuMask = CpuMask ?? under.CpuMask,
                StrictCpu = CpuStrict ?? under.StrictCpu,
                Priority = Priority is { } q ? (GgmlSchedPriority)q : under.Priority,
            };
            return pool.Problem() is { } problem ? throw new JanTuneException(problem, "fix --poll (0..100) or --cpu-mask (hex, e.g. 0xff)") : pool;
        }

        /// <summary>The threadpool flags as given, for the startup log.</summary>
        public string ThreadpoolFlags => string.Join(' ', new[] { ("--poll", Poll?.ToString(CultureInfo.InvariantCulture)), ("--cpu-mask", CpuMask), ("--cpu-strict", CpuStrict is { } strict ? (strict ? "1" : "0") : null), ("--prio", Priority?.ToString(CultureInfo.InvariantCulture)) }
            .Where(f => f.Item2 is not null).Select(f => $"flag {f.Item1} {f.Item2}"));
    }
}
