using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>
/// A reusable multi-sequence batch (llama_batch_init). Writes are bounds-checked against its capacity and sequence
/// limit, and <see cref="LlamaContext.Decode"/> checks it against n_batch and the vocabulary before llama.cpp sees it:
/// a batch larger than n_batch is a GGML_ASSERT, which would kill the process.
/// </summary>
public sealed unsafe class TokenBatch : IDisposable
{
    private readonly SafeLlamaBatchHandle _handle;

    public TokenBatch(int capacity, int maxSequencesPerToken = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequencesPerToken, 1);
        _handle = SafeLlamaBatchHandle.Allocate(capacity, maxSequencesPerToken);
    }

    public int Capacity => _handle.Capacity;

    public int Count => _handle.Batch.NTokens;

    internal LlamaBatch Native => _handle.Batch;

    public void Clear() => _handle.Batch.NTokens = 0;

    /// <summary>Adds one token at a position for one sequence; <paramref name="wantLogits"/> requests its output.</summary>
    /// <returns>The output index of the token within the batch (for <see cref="LlamaContext.Logits"/>).</returns>
    public int Add(int token, int position, int sequence, bool wantLogits)
    {
        ref var b = ref _handle.Batch;
        if (b.NTokens >= Capacity)
        {
            throw new InvalidOperationException($"the batch is full ({Capacity} tokens)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var i = b.NTokens;
        b.Token[i] = token;
        b.Pos[i] = position;
        b.NSeqId[i] = 1;
        b.SeqId[i][0] = sequence;
        b.Logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        b.NTokens = i + 1;
        return i;
    }

    /// <summary>Marks the last added token as an output.</summary>
    public void RequestLastLogits()
    {
        ref var b = ref _handle.Batch;
        if (b.NTokens > 0)
        {
            b.Logits[b.NTokens - 1] = 1;
        }
    }

    internal void ValidateFor(LlamaContext context)
    {
        ref var b = ref _handle.Batch;
        if (b.NTokens == 0)
        {
            throw new InvalidOperationException("the batch is empty");
        }

        if (b.NTokens > context.BatchSize)
        {
            throw new ArgumentException($"the batch holds {b.NTokens} tokens but the context's n_batch is {context.BatchSize}; split it or create the context with a larger batch size");
        }

        for (var i = 0; i < b.NTokens; i++)
        {
            if ((uint)b.Token[i] >= (uint)context.Model.VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(context), b.Token[i], $"token id {b.Token[i]} is outside the vocabulary [0, {context.Model.VocabSize})");
            }

            if (b.SeqId[i][0] >= context.MaxSequences)
            {
                throw new ArgumentOutOfRangeException(nameof(context), b.SeqId[i][0], $"sequence id {b.SeqId[i][0]} is not below the context's {context.MaxSequences} sequences");
            }

            if (b.Pos[i] >= context.ContextSize)
            {
                throw new JanTuneException($"position {b.Pos[i]} is past the context length {context.ContextSize}", "use a larger context (--ctx) or a shorter conversation");
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
