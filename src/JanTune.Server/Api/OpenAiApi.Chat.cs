using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using JanTune.Server.Hosting;
using JanTune.Server.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JanTune.Server.Api;

/// <content>POST /v1/chat/completions.</content>
public static partial class OpenAiApi
{
    internal static async Task<Results<JsonHttpResult<ChatCompletionResponse>, ServerSentEventsResult<string>, JsonHttpResult<OpenAiErrorBody>>> ChatCompletions(
        HttpContext http, ModelHost host, TimeProvider time)
    {
        var aborted = http.RequestAborted;
        try
        {
            var scheduler = Admission.Ready(host);
            InferenceRequest request;
            using (var body = await JsonBody.ReadAsync(http.Request, aborted))
            {
                request = RequestParser.ParseChat(body.RootElement);
            }

            var model = scheduler.Model;
            var prompt = model.Tokenize(model.ApplyChatTemplate(request.Messages), addSpecial: true, parseSpecial: true);
            var job = Admission.Submit(scheduler, prompt, request, "messages", aborted);
            var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
            var created = time.GetUtcNow().ToUnixTimeSeconds();
            var modelId = host.Settings.EffectiveModelId;
            if (request.Stream)
            {
                return TypedResults.ServerSentEvents(ChatChunks(job, id, created, modelId, request.IncludeUsage, aborted));
            }

            var (text, finish) = await Collect(job, aborted);
            var usage = new Usage(prompt.Length, job.CompletionTokens, prompt.Length + job.CompletionTokens);
            return TypedResults.Json(
                new ChatCompletionResponse(id, "chat.completion", created, modelId, [new ChatChoice(0, new ResponseMessage("assistant", text), Admission.FinishReasonName(finish))], usage),
                ApiErrors.Json);
        }
        catch (ApiException ex)
        {
            return ex.ToResult(http);
        }
    }

    private static async IAsyncEnumerable<string> ChatChunks(GenerationJob job, string id, long created, string model, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Chunk(new ChatDelta("assistant", string.Empty), null);
        await foreach (var piece in job.Events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return Chunk(new ChatDelta(null, piece.Text), piece.Finish is null ? null : Admission.FinishReasonName(piece.Finish));
        }

        if (includeUsage)
        {
            var prompt = job.Prompt.Length;
            yield return JsonSerializer.Serialize(new ChatCompletionChunk(id, "chat.completion.chunk", created, model, [], new Usage(prompt, job.CompletionTokens, prompt + job.CompletionTokens)), ApiErrors.Json);
        }

        yield return "[DONE]";

        string Chunk(ChatDelta delta, string? finish) =>
            JsonSerializer.Serialize(new ChatCompletionChunk(id, "chat.completion.chunk", created, model, [new ChatChunkChoice(0, delta, finish)], null), ApiErrors.Json);
    }

    private static async Task<(string Text, JanTune.Core.Inference.FinishReason? Finish)> Collect(GenerationJob job, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        JanTune.Core.Inference.FinishReason? finish = null;
        await foreach (var piece in job.Events.Reader.ReadAllAsync(cancellationToken))
        {
            text.Append(piece.Text);
            finish = piece.Finish ?? finish;
        }

        return (text.ToString(), finish);
    }
}
