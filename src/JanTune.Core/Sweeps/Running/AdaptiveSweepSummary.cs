using JanTune.Core.Modeling;

namespace JanTune.Core.Sweeps.Running;

/// <summary>What an adaptive sweep did: one search per model file, and the trials it ran.</summary>
public sealed record AdaptiveSweepSummary(IReadOnlyList<AdaptiveSearchResult> Searches, SweepSummary Sweep);
