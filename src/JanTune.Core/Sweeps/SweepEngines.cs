using System.Diagnostics.CodeAnalysis;

namespace JanTune.Core.Sweeps;

/// <summary>
/// The one table from <see cref="SweepEngine"/> to what it means: its tune.json spelling, the build a trial's identity
/// names, and the backends it can measure. A new engine is one enum member and one row here (and a worker).
/// </summary>
public static class SweepEngines
{
    /// <summary>The LLamaSharp packages the llamasharp engine is built from (src/JanTune.LlamaSharp).</summary>
    public const string LlamaSharpBuild = "LLamaSharp 0.30.0 + LLamaSharp.Backend.Cpu 0.30.0";

    private static readonly EngineRow[] Rows =
    [
        new(SweepEngine.Npm, "npm", null, ["cpu", "vulkan", "cuda"]),
        new(SweepEngine.LlamaSharp, "llamasharp", LlamaSharpBuild, ["cpu"]),
    ];

    /// <summary>Every engine's tune.json name, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Rows.Select(r => r.Name)];

    /// <summary>The tune.json and key spelling: npm, llamasharp.</summary>
    public static string Name(this SweepEngine engine) => Row(engine).Name;

    public static bool TryParse(string? text, out SweepEngine engine)
    {
        var row = Rows.FirstOrDefault(r => string.Equals(r.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        engine = row?.Engine ?? SweepEngine.Npm;
        return row is not null;
    }

    /// <summary>
    /// The llama.cpp build an engine's trial is measured with, part of the trial's identity: the npm engine's comes from
    /// the installed backend folder (<paramref name="npmBuild"/>), the others are fixed by their packages.
    /// </summary>
    public static string Build(this SweepEngine engine, string npmBuild) => Row(engine).FixedBuild ?? npmBuild;

    /// <summary>Whether the engine has a library for <paramref name="backend"/> (LLamaSharp: only Backend.Cpu is served).</summary>
    public static bool Supports(this SweepEngine engine, string backend) =>
        Row(engine).Backends.Contains(backend, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Why <paramref name="config"/> cannot be measured by its engine as it stands, or null when it can: a backend the
    /// engine has no library for, or a setting its API cannot express (never measured as something else).
    /// </summary>
    public static string? Refusal(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var row = Row(config.Engine);
        if (!config.Engine.Supports(config.Backend))
        {
            return $"engine {row.Name} cannot run on the {config.Backend} backend (it has {string.Join(", ", row.Backends)} only)";
        }

        if (config.Engine == SweepEngine.LlamaSharp && LlamaSharpParams.Map(config).Notes is { Count: > 0 } notes)
        {
            return $"engine {row.Name}: " + string.Join("; ", notes);
        }

        return null;
    }

    private static EngineRow Row(SweepEngine engine) =>
        Rows.FirstOrDefault(r => r.Engine == engine) ?? throw new ArgumentOutOfRangeException(nameof(engine), engine, "not a sweep engine");

    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "a private table row")]
    private sealed record EngineRow(SweepEngine Engine, string Name, string? FixedBuild, string[] Backends);
}
