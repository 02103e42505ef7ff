namespace JanTune.Server.Api;

/// <summary>One choice of a non-streamed chat completion.</summary>
public sealed record ChatChoice(int Index, ResponseMessage Message, string? FinishReason, object? Logprobs = null);
