namespace JanTune.Core.Sweeps.Worker;

/// <summary>A trial's configuration would not fit in the memory free now (llama.cpp's dry run said so): it is skipped, not failed.</summary>
public sealed class TrialDoesNotFitException(string reason) : Exception(reason);
