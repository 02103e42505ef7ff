using System.Net;
using System.Text.Json;

namespace JanTune.Server.Tests.Fixtures;

/// <summary>Checks the status and the OpenAI error shape: {"error":{"message","type","param","code"}}.</summary>
internal static class ErrorAssert
{
    public static async Task<JsonElement> IsOpenAiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? param = null, string type = "invalid_request_error")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.True(error.TryGetProperty("param", out var p));
        Assert.True(error.TryGetProperty("code", out _));
        if (param is not null)
        {
            Assert.Equal(param, p.GetString());
        }

        return error.Clone();
    }
}
