using System.Text.Json.Serialization;

namespace JanTune.Server.Api;

/// <summary>One SSE event of a streamed chat completion.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);
