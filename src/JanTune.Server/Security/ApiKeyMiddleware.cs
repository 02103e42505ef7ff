using System.Security.Cryptography;
using System.Text;
using JanTune.Server.Api;
using Microsoft.AspNetCore.Http;

namespace JanTune.Server.Security;

/// <summary>
/// Optional API-key authentication for /v1 and /metrics: <c>Authorization: Bearer &lt;key&gt;</c>, or Jan's
/// <c>X-Api-Key: &lt;key&gt;</c> (what Jan's own local API server accepts too). Keys are compared as SHA-256 digests with a fixed-time
/// comparison, so neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return next(http);
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        var given = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim()
            : http.Request.Headers.TryGetValue("X-Api-Key", out var apiKey) && apiKey.Count == 1 ? apiKey.ToString().Trim()
            : null;
        if (given is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            var message = given is null ? "missing API key: send Authorization: Bearer <key> or X-Api-Key: <key>" : "incorrect API key";
            return ApiErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, message, "invalid_request_error", "invalid_api_key");
        }

        return next(http);
    }
}
