using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JanTune.Core.Hardware;

/// <summary>JSON settings for hardware.json and <c>jantune hw --json</c>: camelCase, indented, enums as names.</summary>
public static class HardwareJson
{
    /// <summary>The shared options; System.Text.Json caches metadata per instance, so there is one.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // These files are read by people and never embedded in HTML, so '<' and '+' stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
