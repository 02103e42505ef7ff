using System.Text.Json.Serialization;

namespace JanTune.Server.Api;

/// <summary>The incremental part of a streamed chat choice.</summary>
public sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
