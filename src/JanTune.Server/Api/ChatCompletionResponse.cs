namespace JanTune.Server.Api;

/// <summary>POST /v1/chat/completions, non-streamed.</summary>
public sealed record ChatCompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage);
