using System.Runtime.CompilerServices;
using System.Text.Json;
using JanTune.Server.Hosting;
using JanTune.Server.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JanTune.Server.Api;

/// <content>POST /v1/completions (legacy text completions).</content>
public static partial class OpenAiApi
{
    internal static async Task<Results<JsonHttpResult<TextCompletionResponse>, ServerSentEventsResult<string>, JsonHttpResult<OpenAiErrorBody>>> Completions(
        HttpContext http, ModelHost host, TimeProvider time)
    {
        var aborted = http.RequestAborted;
        try
        {
            var scheduler = Admission.Ready(host);
            InferenceRequest request;
            using (var body = await JsonBody.ReadAsync(http.Request, aborted))
            {
                request = RequestParser.ParseCompletion(body.RootElement);
            }

            var prompt = scheduler.Model.Tokenize(request.Prompt!, addSpecial: true, parseSpecial: false);
            var job = Admission.Submit(scheduler, prompt, request, "prompt", aborted);
            var id = "cmpl-" + Guid.NewGuid().ToString("N");
            var created = time.GetUtcNow().ToUnixTimeSeconds();
            var modelId = host.Settings.EffectiveModelId;
            if (request.Stream)
            {
                return TypedResults.ServerSentEvents(TextChunks(job, id, created, modelId, request.IncludeUsage, aborted));
            }

            var (text, finish) = await Collect(job, aborted);
            var usage = new Usage(prompt.Length, job.CompletionTokens, prompt.Length + job.CompletionTokens);
            return TypedResults.Json(
                new TextCompletionResponse(id, "text_completion", created, modelId, [new TextChoice(0, text, Admission.FinishReasonName(finish))], usage),
                ApiErrors.Json);
        }
        catch (ApiException ex)
        {
            return ex.ToResult(http);
        }
    }

    private static async IAsyncEnumerable<string> TextChunks(GenerationJob job, string id, long created, string model, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var piece in job.Events.Reader.ReadAllAsync(cancellationToken))
        {
            var finish = piece.Finish is null ? null : Admission.FinishReasonName(piece.Finish);
            yield return JsonSerializer.Serialize(new TextCompletionResponse(id, "text_completion", created, model, [new TextChoice(0, piece.Text, finish)], null), ApiErrors.Json);
        }

        if (includeUsage)
        {
            var prompt = job.Prompt.Length;
            yield return JsonSerializer.Serialize(new TextCompletionResponse(id, "text_completion", created, model, [], new Usage(prompt, job.CompletionTokens, prompt + job.CompletionTokens)), ApiErrors.Json);
        }

        yield return "[DONE]";
    }
}
