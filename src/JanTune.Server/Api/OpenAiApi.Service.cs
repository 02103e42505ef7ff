using JanTune.Server.Hosting;
using JanTune.Server.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JanTune.Server.Api;

/// <content>Models list, health, metrics, chat page.</content>
public static partial class OpenAiApi
{
    private static readonly Lazy<string> ChatHtml = new(() =>
    {
        using var stream = typeof(OpenAiApi).Assembly.GetManifestResourceStream("JanTune.Server.chat.html")
            ?? throw new InvalidOperationException("the chat page resource is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    internal static JsonHttpResult<ModelList> ListModels(ModelHost host, TimeProvider time) =>
        TypedResults.Json(new ModelList("list", [new ModelEntry(host.Settings.EffectiveModelId, "model", time.GetUtcNow().ToUnixTimeSeconds(), "jantune")]), ApiErrors.Json);

    internal static Results<JsonHttpResult<HealthStatus>, JsonHttpResult<OpenAiErrorBody>> Health(HttpContext http, ModelHost host) => host.State switch
    {
        ModelState.Ready => TypedResults.Json(new HealthStatus("ok"), ApiErrors.Json),
        ModelState.Failed => ApiErrors.LoadFailed().ToResult(http),
        _ => ApiErrors.Loading().ToResult(http),
    };

    internal static async Task<ContentHttpResult> Metrics(ServerMetrics metrics, CancellationToken cancellationToken) =>
        TypedResults.Text(await metrics.ToPrometheusTextAsync(cancellationToken), ServerMetrics.ContentType);

    internal static ContentHttpResult ChatPage(HttpContext http)
    {
        // Inline script and style only; nothing may be fetched from elsewhere.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";
        return TypedResults.Text(ChatHtml.Value, "text/html; charset=utf-8");
    }
}
