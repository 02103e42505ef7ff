using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace JanTune.Core.Inference;

/// <summary>
/// Streams a completion for one sequence of a context. Decoding runs on the thread pool; cancellation sets the
/// context's abort flag, so even a long prompt decode returns within tens of milliseconds.
/// </summary>
public static class TextGenerator
{
    public static async IAsyncEnumerable<GeneratedPiece> GenerateAsync(
        LlamaContext context,
        SamplerChain sampler,
        IReadOnlyList<int> prompt,
        GenerationOptions? options = null,
        GenerationStats? stats = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(prompt);
        options ??= new GenerationOptions();
        stats ??= new GenerationStats();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 1, nameof(options.MaxTokens));
        if (prompt.Count == 0)
        {
            throw new ArgumentException("the prompt is empty", nameof(prompt));
        }

        var model = context.Model;
        var free = context.ContextSize - (context.SequenceEnd(0) + 1);
        if (prompt.Count >= free)
        {
            throw new JanTuneException($"the prompt has {prompt.Count} tokens but only {free} context positions are free", "use a larger context (--ctx) or a shorter prompt");
        }

        var maxTokens = Math.Min(options.MaxTokens, free - prompt.Count);
        stats.PromptTokens = prompt.Count;
        var clock = Stopwatch.StartNew();
        using var registration = cancellationToken.Register(context.RequestAbort);
        var text = new StreamingText(options.Stop);
        var next = prompt.ToArray();
        try
        {
            for (var generated = 0; ; generated++)
            {
                var batch = next;
                await Task.Run(() => context.DecodeTokens(batch), CancellationToken.None);
                if (generated == 0)
                {
                    stats.PromptTime = clock.Elapsed;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var token = sampler.Sample(context);
                stats.GeneratedTokens = generated + 1;
                if (generated == 0)
                {
                    stats.TimeToFirstToken = clock.Elapsed;
                }
                else
                {
                    stats.GenerationTime = clock.Elapsed - stats.TimeToFirstToken;
                }

                var eog = options.StopAtEndOfGeneration && model.IsEndOfGeneration(token);
                var piece = eog ? string.Empty : text.Append(model.TokenBytes(token));
                FinishReason? finish = eog || text.Stopped ? FinishReason.Stop : generated + 1 >= maxTokens ? FinishReason.Length : null;
                if (finish is not null)
                {
                    stats.Finish = finish;
                    yield return new GeneratedPiece(token, piece + text.Flush(), finish);
                    yield break;
                }

                yield return new GeneratedPiece(token, piece, null);
                next = [token];
            }
        }
        finally
        {
            context.ClearAbort();
        }
    }
}
