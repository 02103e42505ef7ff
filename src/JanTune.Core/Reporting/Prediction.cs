using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>What the performance model predicted for one configuration and test.</summary>
public sealed record Prediction(TrialConfig Config, TrialTest Test, double TokensPerSecond, long MemoryBytes);
