using Microsoft.AspNetCore.Http;

namespace JanTune.Server.Metrics;

/// <summary>Counts every response by status code, rejections included.</summary>
internal sealed class RequestCountingMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        finally
        {
            metrics.RequestCompleted(http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted ? 499 : http.Response.StatusCode);
        }
    }
}
