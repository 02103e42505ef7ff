namespace JanTune.Core.Modeling;

/// <summary>
/// The verdict on one configuration before loading: JanTune's own prediction and, when the caller ran llama.cpp's
/// no_alloc dry run, its figure too (both are kept so the report can show how far apart they were).
/// </summary>
public sealed record MemoryCheck(MemoryEstimate Predicted, long? DryRunBytes, bool Fits, string Reason);
