namespace JanTune.Server.Api;

/// <summary>One choice of a text completion (whole or streamed).</summary>
public sealed record TextChoice(int Index, string Text, string? FinishReason, object? Logprobs = null);
