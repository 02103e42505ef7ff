using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>The configuration the recommender chose, what it is predicted to do, and the files exported for it.</summary>
public sealed record ReportRecommendation(TrialConfig Config)
{
    public double? PromptTokensPerSecond { get; init; }

    public double? GenerationTokensPerSecond { get; init; }

    public long? MemoryBytes { get; init; }

    /// <summary>Why this one, in a sentence (objective and constraints).</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the configuration came from: the stored recommendation (file, objective, constraints, time), or a note that none is stored.</summary>
    public string? Source { get; init; }

    /// <summary>Set when trials were measured after the stored recommendation was made (it may be stale), with the fix.</summary>
    public string? Warning { get; init; }

    /// <summary>The configuration against each runtime's defaults measured in the same sweep.</summary>
    public IReadOnlyList<BaselineComparison> Baselines { get; init; } = [];

    public IReadOnlyList<string> ExportedFiles { get; init; } = [];
}
