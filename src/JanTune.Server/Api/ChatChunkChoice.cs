namespace JanTune.Server.Api;

/// <summary>One choice of a streamed chat chunk.</summary>
public sealed record ChatChunkChoice(int Index, ChatDelta Delta, string? FinishReason, object? Logprobs = null);
