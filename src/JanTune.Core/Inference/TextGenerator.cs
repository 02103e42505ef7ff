using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

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
        var text = new Utf8Stream(options.Stop);
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

    /// <summary>
    /// Turns token bytes into text: holds back incomplete UTF-8 sequences, and any tail that could still become a stop string.
    /// </summary>
    private sealed class Utf8Stream(IReadOnlyList<string> stops)
    {
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly StringBuilder _held = new();
        private readonly int _maxStop = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

        public bool Stopped { get; private set; }

        public string Append(byte[] bytes)
        {
            var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
            _decoder.GetChars(bytes, chars, flush: false);
            _held.Append(chars);
            if (_maxStop == 0)
            {
                return Take(_held.Length);
            }

            var held = _held.ToString();
            foreach (var stop in stops)
            {
                var at = stop.Length == 0 ? -1 : held.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0)
                {
                    Stopped = true;
                    _held.Clear();
                    return held[..at];
                }
            }

            // Keep back the longest tail that is a prefix of some stop string.
            var keep = 0;
            for (var len = Math.Min(_maxStop - 1, held.Length); len > 0 && keep == 0; len--)
            {
                var tail = held[^len..];
                if (stops.Any(s => s.StartsWith(tail, StringComparison.Ordinal)))
                {
                    keep = len;
                }
            }

            return Take(_held.Length - keep);
        }

        public string Flush() => Stopped ? string.Empty : Take(_held.Length);

        private string Take(int count)
        {
            var s = _held.ToString(0, count);
            _held.Remove(0, count);
            return s;
        }
    }
}
