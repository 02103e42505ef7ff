using System.Text.Json;
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

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken);
        }
        catch (JsonException)
        {
            throw ApiException.Invalid("the request body is not valid JSON", null, "invalid_json");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiException(413, "the request body is too large", "invalid_request_error", null, "request_too_large");
        }
        catch (BadHttpRequestException)
        {
            throw ApiException.Invalid("the request body could not be read", null, "invalid_body");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiException.Invalid("the request body must be a JSON object", null, "invalid_json");
        }

        return document;
    }
}
