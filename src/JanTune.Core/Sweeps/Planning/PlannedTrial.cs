namespace JanTune.Core.Sweeps.Planning;

/// <summary>One trial of a plan: a configuration and a test, with the model it needs.</summary>
public sealed record PlannedTrial(TrialConfig Config, TrialTest Test, ResolvedModel Model);
