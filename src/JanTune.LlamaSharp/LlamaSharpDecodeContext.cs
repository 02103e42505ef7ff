using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;
using LLama;
using LLama.Common;
using LLama.Extensions;
using LLama.Native;

namespace JanTune.LlamaSharp;

/// <summary>
/// A LLamaSharp context seen as the measurement scheme needs it (<see cref="IDecodeContext"/>): every call goes through
/// LLamaSharp's own API (its <see cref="ModelParams"/> conversion, <see cref="SafeLLamaContextHandle"/>, <see cref="LLamaBatch"/>),
/// so what is measured is what an application using LLamaSharp gets. Sizes llama.cpp would assert on are checked first.
/// </summary>
internal sealed class LlamaSharpDecodeContext : IDecodeContext, IDisposable
{
    private readonly SafeLLamaContextHandle _handle;
    private readonly LLamaBatch _batch = new();
    private readonly int _vocab;
    private int _used;

    public LlamaSharpDecodeContext(LLamaWeights weights, ModelParams parameters)
    {
        // LLamaSharp's own conversion of its ModelParams to llama_context_params, with two measurement settings the npm
        // engine's contexts have too: perf counters on (LLamaSharp leaves no_perf at llama.cpp's true, and they would
        // read zero) and kv_unified off (a unified cache checks every batch against all sequences).
        parameters.ToLlamaContextParams(out var native);
        native.no_perf = false;
        native.kv_unified = false;
        _handle = SafeLLamaContextHandle.Create(weights.NativeHandle, native);
        _vocab = weights.Vocab.Count;
        ContextSize = checked((int)_handle.ContextSize);
        BatchSize = checked((int)_handle.BatchSize);
    }

    public int ContextSize { get; }

    private int BatchSize { get; }

    /// <summary>The prompt tokens of the npm engine for the same vocabulary and seed: never BOS, EOS, end-of-generation or empty tokens.</summary>
    public static RandomTokens RandomTokens(LLamaWeights weights, string modelPath, int seed)
    {
        var vocab = weights.Vocab;
        var bos = vocab.BOS is { } b ? (int)b : -1;
        var eos = vocab.EOS is { } e ? (int)e : -1;
        var piece = new byte[128];
        return new RandomTokens(
            vocab.Count,
            t => t != bos && t != eos && !((LLamaToken)t).IsEndOfGeneration(vocab) && weights.NativeHandle.TokenToSpan((LLamaToken)t, piece) > 0,
            Path.GetFileName(modelPath),
            seed);
    }

    public void SetThreads(int threads, int threadsBatch)
    {
        _handle.GenerationThreads = threads;
        _handle.BatchThreads = threadsBatch;
    }

    public void ClearMemory()
    {
        _handle.MemoryClear();
        _used = 0;
    }

    public void DecodeTokens(ReadOnlySpan<int> tokens)
    {
        if (_used + tokens.Length > ContextSize)
        {
            throw new JanTuneException($"{tokens.Length} tokens do not fit: {_used} of {ContextSize} context positions are already used", "raise ctx in tune.json");
        }

        foreach (var t in tokens)
        {
            if (t < 0 || t >= _vocab)
            {
                throw new JanTuneException($"token id {t} is outside the vocabulary of {_vocab}");
            }
        }

        // As llama_batch_get_one in the npm engine: n_batch chunks, logits for each chunk's last token only.
        for (var start = 0; start < tokens.Length; start += BatchSize)
        {
            var n = Math.Min(BatchSize, tokens.Length - start);
            _batch.Clear();
            for (var i = 0; i < n; i++)
            {
                _batch.Add((LLamaToken)tokens[start + i], _used + i, (LLamaSeqId)0, i == n - 1);
            }

            var result = _handle.Decode(_batch);
            if (result != DecodeResult.Ok)
            {
                throw new JanTuneException($"llama_decode through LLamaSharp returned {result}");
            }

            _used += n;
        }
    }

    public void Synchronize() => _handle.Synchronize();

    public ReadOnlySpan<float> Logits(int index = -1) => _handle.GetLogitsIth(index);

    public void ResetPerf()
    {
        _handle.Synchronize();
        _handle.ResetTimings();
    }

    public PerfCounters ReadPerf()
    {
        _handle.Synchronize();
        var t = _handle.GetTimings();
        return new PerfCounters(t.Loading.TotalMilliseconds, t.PromptEval.TotalMilliseconds, t.Eval.TotalMilliseconds, t.PrompTokensEvaluated, t.TokensEvaluated, 0);
    }

    public void Dispose() => _handle.Dispose();
}
