using System.Text.Json.Serialization;

namespace JanTune.Server.Api;

/// <summary>POST /v1/completions, whole or one streamed chunk.</summary>
public sealed record TextCompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<TextChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);
