using System.Globalization;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Server.Hosting;

/// <summary>
/// Everything `jantune serve` applies: the tuned configuration (the same <see cref="TrialConfig"/> the sweep measured
/// and recommend chose), the serving-only knobs beside it, and where each value came from. A value, logged in full at
/// startup so a person can see exactly which configuration runs.
/// </summary>
public sealed record ServeSettings
{
    /// <summary>The llama.cpp configuration; its two mapping methods are the only way it reaches llama.cpp.</summary>
    public required TrialConfig Config { get; init; }

    public ServingOptions Serving { get; init; } = new();

    /// <summary>The id /v1/models reports and responses echo; defaults to the file name without extension.</summary>
    public string? ModelId { get; init; }

    /// <summary>Measured generation tokens/s per thread count (from the profile), if any.</summary>
    public IReadOnlyDictionary<int, double>? ThreadScaling { get; init; }

    /// <summary>Where the configuration came from (flags, a model.yml, a profile), for the startup log.</summary>
    public string Source { get; init; } = "command line";

    /// <summary>Knob name (as <see cref="TrialConfig.Describe"/> names it) → where its value came from; a knob not listed is a default.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys the config file set that serve does not use (sampling defaults a client sends per request).</summary>
    public IReadOnlyList<string> NotApplied { get; init; } = [];

    /// <summary>Settings that have no effect as resolved (GPU layers on the cpu backend), logged as warnings at startup.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string ModelPath => Config.ModelPath;

    public string EffectiveModelId => ModelId ?? Path.GetFileNameWithoutExtension(ModelPath);

    /// <summary>The configuration serve uses when nothing names one: llama.cpp's defaults, every core, the CPU.</summary>
    public static TrialConfig DefaultConfig(string modelPath) => new()
    {
        Backend = "cpu",
        ModelPath = modelPath,
        Quant = string.Empty,
        Threads = Math.Max(1, Environment.ProcessorCount),
    };

    public ModelLoadOptions ToModelLoadOptions() => Config.ToModelLoadOptions();

    public ContextOptions ToContextOptions() => Config.ToContextOptions(Serving.Parallel, Serving.KvUnified);

    /// <summary>One line per knob with where its value came from, for the startup log.</summary>
    public IEnumerable<string> Describe()
    {
        var s = Serving;
        yield return $"source: {Source}";
        yield return $"listen: {s.Host}:{s.Port}, api key {(s.ApiKey is null ? "off" : "on")}, allowed origins [{string.Join(", ", s.AllowedOrigins)}], extra hosts [{string.Join(", ", s.AllowedHosts)}]";
        yield return $"parallel slots {s.Parallel}{From("parallel")}; queue limit {s.QueueLimit}; kv_unified {(s.KvUnified ? "on" : "off")}{From("kv_unified")}; threads mode {s.ThreadsMode.ToString().ToLowerInvariant()}";
        foreach (var (name, value) in Config.Describe())
        {
            yield return name switch
            {
                "model" => $"model {value} (id {EffectiveModelId}){From(name)}",
                "ctx" when s.KvUnified && s.Parallel > 1 && Config.ContextSize > 0 =>
                    $"ctx {(Config.ContextSize * s.Parallel).ToString(CultureInfo.InvariantCulture)} shared by {s.Parallel} slots (kv_unified: one request may use all of it){From(name)}",
                "ctx" => $"ctx per slot {value}{From(name)} (total {(Config.ContextSize * s.Parallel).ToString(CultureInfo.InvariantCulture)})",
                _ => $"{name} {value}{From(name)}",
            };
        }

        if (ThreadScaling is { Count: > 0 } curve)
        {
            var points = string.Join(", ", curve.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value:F1}")));
            yield return $"thread scaling, measured tg t/s by threads (for the adaptive thread modes): {points}{From("thread_scaling")}";
        }

        foreach (var warning in Warnings)
        {
            yield return "warning: " + warning;
        }

        if (NotApplied.Count > 0)
        {
            yield return $"not applied (sampling and other per-request settings a client sends itself): {string.Join(", ", NotApplied)}";
        }

        yield return $"max request body {s.MaxRequestBodyBytes} bytes";
    }

    private string From(string knob) => Origins.TryGetValue(knob, out var origin) ? $" ({origin})" : " (default)";
}
