namespace JanTune.Core.Models;

/// <summary>
/// The shape of a synthetic llama-architecture model. All row lengths (embd, ff) are multiples of 256 so every
/// llama.cpp quantization, K-quants included, applies to every matrix.
/// </summary>
public sealed record SyntheticPreset(string Name, int Layers, int Embd, int FeedForward, int Heads, int KvHeads, int Vocab, int Context)
{
    /// <summary>Per-head dimension (embd / heads); also llama.rope.dimension_count.</summary>
    public int HeadDim => Embd / Heads;

    /// <summary>Total weights of the model, embeddings and output included.</summary>
    public long ParameterCount
    {
        get
        {
            long embd = Embd;
            var perLayer = (2 * embd) + (embd * embd * 2) + (2 * embd * KvHeads * HeadDim) + (3 * embd * FeedForward);
            return (2 * embd * Vocab) + embd + (Layers * perLayer);
        }
    }
}
