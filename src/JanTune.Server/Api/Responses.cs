using System.Text.Json.Serialization;

namespace JanTune.Server.Api;

/// <summary>Token counts OpenAI responses report.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>A chat message in a response.</summary>
public sealed record ResponseMessage(string Role, string Content);

/// <summary>One choice of a non-streamed chat completion.</summary>
public sealed record ChatChoice(int Index, ResponseMessage Message, string? FinishReason, object? Logprobs = null);

/// <summary>POST /v1/chat/completions, non-streamed.</summary>
public sealed record ChatCompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage);

/// <summary>The incremental part of a streamed chat choice.</summary>
public sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

/// <summary>One choice of a streamed chat chunk.</summary>
public sealed record ChatChunkChoice(int Index, ChatDelta Delta, string? FinishReason, object? Logprobs = null);

/// <summary>One SSE event of a streamed chat completion.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

/// <summary>One choice of a text completion (whole or streamed).</summary>
public sealed record TextChoice(int Index, string Text, string? FinishReason, object? Logprobs = null);

/// <summary>POST /v1/completions, whole or one streamed chunk.</summary>
public sealed record TextCompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<TextChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

/// <summary>One entry of GET /v1/models.</summary>
public sealed record ModelEntry(string Id, string Object, long Created, string OwnedBy);

/// <summary>GET /v1/models.</summary>
public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

/// <summary>GET /health when ready.</summary>
public sealed record HealthStatus(string Status);
