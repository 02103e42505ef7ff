using System.Text.Json;
using System.Text.Json.Serialization;

namespace JanTune.Core.Sweeps.Worker;

/// <summary>The one JSON shape for trial results: the worker protocol and the results store both use it.</summary>
public static class SweepJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
