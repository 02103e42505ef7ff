using JanTune.Core.Inference;

namespace JanTune.Server.Scheduling;

/// <summary>A piece of generated text; the last one of a job carries why it finished.</summary>
internal sealed record GenerationEvent(string Text, FinishReason? Finish);
