using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace JanTune.Server.Api;

/// <summary>
/// Reads a request body as a JSON document ourselves (no model binding), so every failure is a 400 or 413 that says
/// what was wrong, never a framework 500 or an empty 415.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static async Task<JsonDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw ApiException.Invalid("the request body must be JSON (Content-Type: application/json)", null, "invalid_content_type");
        }

        var buffer = new MemoryStream();
        try
        {
            // Kestrel enforces MaxRequestBodySize while we copy, so the buffer never outgrows the limit.
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiException(413, "the request body is too large", "invalid_request_error", null, "request_too_large");
        }
        catch (BadHttpRequestException)
        {
            throw ApiException.Invalid("the request body could not be read", null, "invalid_body");
        }

        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>
    /// Parses and checks a whole body. System.Text.Json validates UTF-8 only when a string is read, and throws
    /// InvalidOperationException there (raw bytes FF FE in a string, or an escaped lone surrogate such as
    /// "\ud800"), which a handler would turn into a 500. So the bytes are checked first and every string and
    /// property name is decoded once here, where the failure is a 400 that names the field.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span))
        {
            throw ApiException.Invalid("the request body is not valid UTF-8; send JSON text encoded as UTF-8", null, "invalid_encoding");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            throw ApiException.Invalid("the request body is not valid JSON", null, "invalid_json");
        }

        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Invalid("the request body must be a JSON object", null, "invalid_json");
            }

            CheckStrings(document.RootElement, string.Empty);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static void CheckStrings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Decode(() => property.Name, path.Length == 0 ? "(a property name)" : $"{path} (a property name)");
                    CheckStrings(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item, $"{path}[{i}]");
                    i++;
                }

                break;
            case JsonValueKind.String:
                Decode(element.GetString, path);
                break;
        }
    }

    private static string Decode(Func<string?> read, string path)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // Cut the name: a hostile property name could be megabytes long.
            var param = path.Length > 200 ? path[..200] : path;
            throw ApiException.Invalid($"'{param}' is not valid Unicode (a lone surrogate escape such as \\ud800?)", param, "invalid_encoding");
        }
    }
}
