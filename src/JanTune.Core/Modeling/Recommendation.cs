using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>The chosen configuration, the runner-up, and the measurements that back the choice.</summary>
/// <param name="Objective">What was optimized.</param>
/// <param name="Best">The recommended candidate.</param>
/// <param name="RunnerUp">The next best eligible candidate, if any.</param>
/// <param name="Supporting">Measured trials of the best config, or of the nearest measured configs when it was never measured.</param>
/// <param name="Rejected">Candidates ruled out by a constraint, with the reason, for the report.</param>
public sealed record Recommendation(
    TuningObjective Objective,
    CandidateAssessment Best,
    CandidateAssessment? RunnerUp,
    IReadOnlyList<TrialResult> Supporting,
    IReadOnlyList<string> Rejected);
