using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JanTune.Server.Api;

/// <summary>OpenAI-shaped error results and the JSON settings every response uses.</summary>
public static class ApiErrors
{
    /// <summary>snake_case, nulls written (OpenAI sends <c>"param": null</c>), optional members opt out per property.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static JsonHttpResult<OpenAiErrorBody> Result(int status, string message, string type, string? param = null, string? code = null) =>
        TypedResults.Json(new OpenAiErrorBody(new OpenAiError(message, type, param, code)), Json, statusCode: status);

    /// <summary>Writes an error straight to the response (middleware, where there is no endpoint result).</summary>
    public static Task WriteAsync(HttpContext http, int status, string message, string type, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new OpenAiErrorBody(new OpenAiError(message, type, null, code)), Json);
    }

    public static ApiException Loading() =>
        new(503, "the model is still loading; retry shortly", "server_error", null, "model_loading", retryAfterSeconds: 1);

    public static ApiException LoadFailed() =>
        new(503, "the model failed to load; see the server log", "server_error", null, "model_load_failed");

    public static ApiException Overloaded() =>
        new(503, "the server is busy: every slot is in use and the queue is full; retry later", "server_error", null, "server_overloaded", retryAfterSeconds: 2);
}
