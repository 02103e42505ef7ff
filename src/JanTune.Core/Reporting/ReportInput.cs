using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>Everything a report shows. Predictions and recommendation are optional: without them their sections are left out.</summary>
public sealed record ReportInput(HardwareSummary Hardware, IReadOnlyList<TrialResult> Results)
{
    public PredictionSet? Predictions { get; init; }

    public ReportRecommendation? Recommendation { get; init; }

    /// <summary>Shown in the header; null leaves it out, which keeps snapshot output stable.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}
