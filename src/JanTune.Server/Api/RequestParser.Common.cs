using System.Text.Json;
using JanTune.Core.Inference;

namespace JanTune.Server.Api;

/// <content>Fields shared by chat and text completions: sampling, limits, stop, streaming.</content>
internal static partial class RequestParser
{
    private static InferenceRequest ParseCommon(JsonElement root, bool chat)
    {
        var model = OptionalString(root, "model");
        var stream = OptionalBool(root, "stream") ?? false;
        var includeUsage = false;
        if (Present(root, "stream_options", out var so))
        {
            if (so.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Invalid("'stream_options' must be an object", "stream_options", "invalid_type");
            }

            includeUsage = OptionalBool(so, "include_usage", "stream_options.include_usage") ?? false;
        }

        var maxTokens = OptionalInt(root, "max_completion_tokens") ?? OptionalInt(root, "max_tokens");
        var n = OptionalInt(root, "n");
        if (n is not null and not 1)
        {
            throw ApiException.Invalid("only n = 1 is supported", "n", "invalid_value");
        }

        var temperature = OptionalNumber(root, "temperature", 0, 2);
        var topP = OptionalNumber(root, "top_p", 0, 1);
        var presence = OptionalNumber(root, "presence_penalty", -2, 2) ?? 0;
        var frequency = OptionalNumber(root, "frequency_penalty", -2, 2) ?? 0;
        var seed = OptionalSeed(root);
        var defaults = new SamplingOptions();
        var temp = (float)(temperature ?? defaults.Temperature);
        var sampling = defaults with
        {
            // top_p 0 means "only the most likely token": greedy, which llama.cpp's top-p sampler cannot express.
            Temperature = topP == 0 ? 0 : temp,
            TopP = topP is { } p and > 0 ? (float)p : defaults.TopP,
            PresencePenalty = (float)presence,
            FrequencyPenalty = (float)frequency,
            Seed = seed,
        };

        return new InferenceRequest
        {
            Model = model,
            Stream = stream,
            IncludeUsage = includeUsage,
            MaxTokens = maxTokens ?? (chat ? null : 16),
            Stop = ParseStop(root),
            IgnoreEos = OptionalBool(root, "ignore_eos") ?? false,
            Sampling = sampling,
        };
    }

    private static IReadOnlyList<string> ParseStop(JsonElement root)
    {
        if (!Present(root, "stop", out var stop))
        {
            return [];
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return stop.GetString() is { Length: > 0 } s ? [s] : [];
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.GetArrayLength() > 16 || stop.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw ApiException.Invalid("'stop' must be a string or an array of up to 16 strings", "stop", "invalid_type");
        }

        return stop.EnumerateArray().Select(e => e.GetString()!).Where(s => s.Length > 0).ToArray();
    }

    /// <summary>OpenAI seeds are 64-bit; llama.cpp's are 32-bit. No seed = a fresh random one (not llama.cpp's default).</summary>
    private static uint OptionalSeed(JsonElement root)
    {
        if (!Present(root, "seed", out var seed))
        {
            return (uint)Random.Shared.Next();
        }

        if (seed.ValueKind != JsonValueKind.Number || !seed.TryGetInt64(out var value))
        {
            throw ApiException.Invalid("'seed' must be an integer", "seed", "invalid_type");
        }

        return unchecked((uint)value);
    }

    private static bool Present(JsonElement e, string name, out JsonElement value) =>
        e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? OptionalString(JsonElement e, string name)
    {
        if (!Present(e, name, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw ApiException.Invalid($"'{name}' must be a string", name, "invalid_type");
    }

    private static bool? OptionalBool(JsonElement e, string name, string? param = null)
    {
        if (!Present(e, name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiException.Invalid($"'{param ?? name}' must be a boolean", param ?? name, "invalid_type"),
        };
    }

    private static int? OptionalInt(JsonElement e, string name)
    {
        if (!Present(e, name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var value))
        {
            throw ApiException.Invalid($"'{name}' must be an integer", name, "invalid_type");
        }

        return value is < 1 or > MaxTokensLimit
            ? throw ApiException.Invalid($"'{name}' must be between 1 and {MaxTokensLimit}", name, "invalid_value")
            : (int)value;
    }

    private static double? OptionalNumber(JsonElement e, string name, double min, double max)
    {
        if (!Present(e, name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw ApiException.Invalid($"'{name}' must be a number", name, "invalid_type");
        }

        return value < min || value > max
            ? throw ApiException.Invalid($"'{name}' must be between {min} and {max}", name, "invalid_value")
            : value;
    }
}
