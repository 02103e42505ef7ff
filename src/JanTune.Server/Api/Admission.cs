using JanTune.Core.Inference;
using JanTune.Server.Hosting;
using JanTune.Server.Scheduling;

namespace JanTune.Server.Api;

/// <summary>From a validated request to a queued job: readiness, context length, queue room.</summary>
internal static class Admission
{
    public static InferenceScheduler Ready(ModelHost host) => host.Scheduler ?? throw (host.State == ModelState.Failed ? ApiErrors.LoadFailed() : ApiErrors.Loading());

    public static GenerationJob Submit(InferenceScheduler scheduler, int[] prompt, InferenceRequest request, string promptParam, CancellationToken cancellation)
    {
        if (prompt.Length >= scheduler.SlotContextSize)
        {
            throw ApiException.Invalid(
                $"the prompt is {prompt.Length} tokens but this server's context holds {scheduler.SlotContextSize} tokens per request",
                promptParam,
                "context_length_exceeded");
        }

        var job = new GenerationJob(prompt, request.Sampling, request.MaxTokens ?? int.MaxValue, request.Stop, cancellation) { IgnoreEos = request.IgnoreEos };
        return scheduler.TryEnqueue(job) ? job : throw ApiErrors.Overloaded();
    }

    public static string FinishReasonName(FinishReason? finish) => finish == FinishReason.Length ? "length" : "stop";
}
