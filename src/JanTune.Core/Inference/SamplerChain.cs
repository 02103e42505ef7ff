using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>
/// A llama.cpp sampler chain built from <see cref="SamplingOptions"/>: penalties, then top-k, top-p, min-p and
/// temperature, then a seeded draw (or greedy argmax). The chain owns the samplers added to it.
/// </summary>
public sealed class SamplerChain : IDisposable
{
    private readonly SafeLlamaSamplerHandle _chain;

    public SamplerChain(LlamaModel model, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        var p = Llama.SamplerChainDefaultParams();
        p.NoPerf = 1;
        _chain = SafeLlamaSamplerHandle.FromPointer(Llama.SamplerChainInit(p));
        var penalties = options.RepeatPenalty != 1f || options.PresencePenalty != 0f || options.FrequencyPenalty != 0f;
        if (penalties)
        {
            Add(Llama.SamplerInitPenalties(options.PenaltyLastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty));
        }

        if (options.Temperature <= 0)
        {
            Add(Llama.SamplerInitGreedy());
            return;
        }

        if (options.TopK > 0)
        {
            Add(Llama.SamplerInitTopK(options.TopK));
        }

        if (options.TopP < 1f)
        {
            Add(Llama.SamplerInitTopP(options.TopP, 1));
        }

        if (options.MinP > 0f)
        {
            Add(Llama.SamplerInitMinP(options.MinP, 1));
        }

        Add(Llama.SamplerInitTemp(options.Temperature));
        Add(Llama.SamplerInitDist(options.Seed));
    }

    public SamplingOptions Options { get; }

    /// <summary>Samples from output <paramref name="index"/> of the last decode and accepts the token (penalties see it).</summary>
    public int Sample(LlamaContext context, int index = -1)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Llama.SamplerSample(_chain, context.Handle, index);
    }

    /// <summary>Feeds a token (e.g. of the prompt) to the penalty history without sampling.</summary>
    public void Accept(int token) => Llama.SamplerAccept(_chain, token);

    /// <summary>Forgets history and re-seeds.</summary>
    public void Reset() => Llama.SamplerReset(_chain);

    public void Dispose() => _chain.Dispose();

    private void Add(IntPtr sampler) => Llama.SamplerChainAdd(_chain, sampler);

    private static void Validate(SamplingOptions o)
    {
        if (!float.IsFinite(o.Temperature) || !float.IsFinite(o.TopP) || !float.IsFinite(o.MinP)
            || !float.IsFinite(o.PresencePenalty) || !float.IsFinite(o.FrequencyPenalty) || !float.IsFinite(o.RepeatPenalty))
        {
            throw new ArgumentException("sampling parameters must be finite numbers");
        }

        if (o.TopP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.TopP, "top_p must be in (0, 1]");
        }

        if (o.RepeatPenalty <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.RepeatPenalty, "repeat penalty must be > 0 (1 = off)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(o.TopK);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.PenaltyLastN, -1);
    }
}
