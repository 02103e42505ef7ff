using System.Text.Json;
using JanTune.Core.Inference;

namespace JanTune.Server.Api;

/// <summary>
/// Validates request bodies field by field, so each 400 names its <c>param</c>. Unknown fields are ignored (SDKs
/// send many); known fields of the wrong type or out of range are rejected, nulls count as absent.
/// </summary>
internal static partial class RequestParser
{
    /// <summary>Larger limits than any context we can hold are a client bug, not a wish.</summary>
    public const int MaxTokensLimit = 1 << 20;

    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static InferenceRequest ParseChat(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.Invalid("'messages' is required", "messages", "missing_required_parameter");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Invalid("'messages' must be an array of message objects", "messages", "invalid_type");
        }

        if (messages.GetArrayLength() == 0)
        {
            throw ApiException.Invalid("'messages' must not be empty", "messages", "invalid_value");
        }

        var list = new List<ChatMessage>();
        var i = 0;
        foreach (var m in messages.EnumerateArray())
        {
            list.Add(ParseMessage(m, $"messages[{i}]"));
            i++;
        }

        return ParseCommon(root, chat: true) with { Messages = list };
    }

    public static InferenceRequest ParseCompletion(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.Invalid("'prompt' is required", "prompt", "missing_required_parameter");
        }

        var text = prompt.ValueKind switch
        {
            JsonValueKind.String => prompt.GetString()!,
            JsonValueKind.Array when prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String => prompt[0].GetString()!,
            _ => throw ApiException.Invalid("'prompt' must be a string (or an array holding one string)", "prompt", "invalid_type"),
        };
        if (text.Length == 0)
        {
            throw ApiException.Invalid("'prompt' must not be empty", "prompt", "invalid_value");
        }

        return ParseCommon(root, chat: false) with { Prompt = text };
    }

    private static ChatMessage ParseMessage(JsonElement m, string param)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Invalid($"'{param}' must be an object with 'role' and 'content'", param, "invalid_type");
        }

        if (!m.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw ApiException.Invalid($"'{param}.role' must be a string", $"{param}.role", "invalid_type");
        }

        var r = role.GetString()!;
        if (!Roles.Contains(r, StringComparer.Ordinal))
        {
            throw ApiException.Invalid($"'{param}.role' must be one of {string.Join(", ", Roles)}", $"{param}.role", "invalid_value");
        }

        return new ChatMessage(r == "developer" ? "system" : r, ParseContent(m, $"{param}.content", r));
    }

    /// <summary>A string, or an array of text parts (images and audio are not supported by this server).</summary>
    private static string ParseContent(JsonElement m, string param, string role)
    {
        if (!m.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            // Assistant turns that only called tools have no content.
            return role == "assistant" ? string.Empty : throw ApiException.Invalid($"'{param}' is required", param, "missing_required_parameter");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Invalid($"'{param}' must be a string or an array of text parts", param, "invalid_type");
        }

        var text = new System.Text.StringBuilder();
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                || !part.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
            {
                throw ApiException.Invalid($"'{param}[{i}]' must be a text part {{\"type\": \"text\", \"text\": \"...\"}}", $"{param}[{i}]", "invalid_value");
            }

            text.Append(t.GetString());
            i++;
        }

        return text.ToString();
    }
}
