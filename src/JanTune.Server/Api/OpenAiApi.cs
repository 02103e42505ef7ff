using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JanTune.Server.Api;

/// <summary>The OpenAI-compatible routes under /v1, plus the service routes (/health, /metrics, the chat page).</summary>
public static partial class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1");
        v1.MapGet("/models", ListModels);
        v1.MapPost("/chat/completions", ChatCompletions);
        v1.MapPost("/completions", Completions);
        return endpoints;
    }

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", Health);
        endpoints.MapGet("/metrics", Metrics);
        endpoints.MapGet("/", ChatPage);
        return endpoints;
    }
}
