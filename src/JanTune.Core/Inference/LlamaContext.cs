using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>
/// An inference context: KV cache, threads, batch sizes. Single-threaded by llama.cpp's contract: use it from one
/// thread at a time. Every size llama.cpp asserts on is checked here first, so a bad call throws instead of aborting
/// the process.
/// </summary>
public sealed unsafe class LlamaContext : IDisposable, IDecodeContext
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly List<SafeGgmlThreadpoolHandle> _retiredThreadpools = [];
    private SafeGgmlThreadpoolHandle _threadpool;

    internal LlamaContext(LlamaModel model, ContextOptions options)
    {
        Validate(options);
        Model = model;
        var p = Llama.ContextDefaultParams();
        p.NCtx = (uint)options.ContextSize;
        p.NBatch = (uint)options.BatchSize;
        p.NUbatch = (uint)Math.Min(options.UBatchSize, options.BatchSize);
        p.NSeqMax = (uint)options.MaxSequences;
        p.NThreads = options.Threads;
        p.NThreadsBatch = options.ThreadsBatch > 0 ? options.ThreadsBatch : options.Threads;
        p.FlashAttnType = (LlamaFlashAttnType)options.FlashAttention;
        p.TypeK = (int)LlamaCppNames.CheckCacheType(options.TypeK);
        p.TypeV = (int)LlamaCppNames.CheckCacheType(options.TypeV);
        p.OffloadKqv = options.OffloadKqv ? (byte)1 : (byte)0;
        p.KvUnified = options.KvUnified ? (byte)1 : (byte)0;
        p.NoPerf = 0; // llama.cpp's default is true: perf counters would read zero
        _handle = SafeLlamaContextHandle.Create(model.Handle, p);
        if (_handle.IsInvalid)
        {
            throw new JanTuneException(
                $"llama.cpp could not create a context (n_ctx {options.ContextSize}, n_batch {options.BatchSize}, KV {options.TypeK}/{options.TypeV}, flash attention {options.FlashAttention})",
                "lower the context size or batch size (not enough memory?); quantized V cache needs flash attention on; run with --verbose for llama.cpp's reason");
        }

        // llama-bench and llama-server attach a persistent pool; without one the non-OpenMP CPU backend starts and
        // joins its workers on every graph, and a GPU trial runs a CPU split every token.
        try
        {
            _threadpool = SafeGgmlThreadpoolHandle.Create(Math.Max(p.NThreads, p.NThreadsBatch), options.Threadpool);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }

        _handle.AttachThreadpool(_threadpool);
        ContextSize = (int)Llama.NCtx(_handle);
        BatchSize = (int)Llama.NBatch(_handle);
        UBatchSize = (int)Llama.NUbatch(_handle);
        MaxSequences = (int)Llama.NSeqMax(_handle);
        Options = options;
    }

    public LlamaModel Model { get; }

    public ContextOptions Options { get; }

    /// <summary>The context length llama.cpp actually allocated (it may round up).</summary>
    public int ContextSize { get; }

    public int BatchSize { get; }

    public int UBatchSize { get; }

    public int MaxSequences { get; }

    /// <summary>Current generation threads.</summary>
    public int Threads => Llama.NThreads(_handle);

    /// <summary>Current prompt-processing threads.</summary>
    public int ThreadsBatch => Llama.NThreadsBatch(_handle);

    /// <summary>Workers of the attached CPU threadpool: the most threads a graph can use without a new pool.</summary>
    public int ThreadpoolSize => _threadpool.Threads;

    /// <summary>
    /// Changes thread counts without a reload (the cheapest knob to sweep and to adapt at run time). The threadpool is
    /// replaced by one of exactly the threads needed, as llama-bench makes one per test. ggml's CPU backend pauses the
    /// old pool on the next graph compute (ggml_backend_cpu_set_threadpool), so the old pool is freed only after the
    /// next successful decode; freeing it now would be a use after free.
    /// </summary>
    public void SetThreads(int threads, int threadsBatch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var batch = threadsBatch > 0 ? threadsBatch : threads;
        var needed = Math.Max(threads, batch);
        if (needed != _threadpool.Threads)
        {
            var replacement = SafeGgmlThreadpoolHandle.Create(needed, Options.Threadpool);
            _handle.AttachThreadpool(replacement);
            _retiredThreadpools.Add(_threadpool);
            _threadpool = replacement;
        }

        Llama.SetNThreads(_handle, threads, batch);
    }

    /// <summary>
    /// Decodes a batch. Throws <see cref="OperationCanceledException"/> when <see cref="RequestAbort"/> was called,
    /// <see cref="JanTuneException"/> when the KV cache is full.
    /// </summary>
    public void Decode(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.ValidateFor(this);
        var code = Llama.Decode(_handle, batch.Native);
        ThrowIfFailed(code);
        FreeRetiredThreadpools();
    }

    /// <summary>
    /// Decodes tokens of sequence 0 continuing at the cache's end (llama_batch_get_one), in chunks of at most
    /// <see cref="BatchSize"/>. Logits are kept for the last token only.
    /// </summary>
    public void DecodeTokens(ReadOnlySpan<int> tokens)
    {
        Model.ValidateTokens(tokens);
        var used = Llama.MemorySeqPosMax(Llama.GetMemory(_handle), 0) + 1;
        if (used + tokens.Length > ContextSize)
        {
            throw new JanTuneException(
                $"{tokens.Length} tokens do not fit: {used} of {ContextSize} context positions are already used",
                "use a larger context (--ctx) or a shorter prompt");
        }

        fixed (int* t = tokens)
        {
            for (var start = 0; start < tokens.Length; start += BatchSize)
            {
                var n = Math.Min(BatchSize, tokens.Length - start);
                var code = Llama.Decode(_handle, Llama.BatchGetOne(t + start, n));
                ThrowIfFailed(code);
                FreeRetiredThreadpools();
            }
        }
    }

    /// <summary>Logits of the i-th output of the last batch (vocab-sized span), or of the last token for -1.</summary>
    public ReadOnlySpan<float> Logits(int index = -1)
    {
        var p = Llama.GetLogitsIth(_handle, index);
        if (p == null)
        {
            throw new InvalidOperationException($"no logits for output {index}: the batch did not request them");
        }

        return new ReadOnlySpan<float>(p, Model.VocabSize);
    }

    /// <summary>Clears the whole KV cache.</summary>
    public void ClearMemory() => Llama.MemoryClear(Llama.GetMemory(_handle), true);

    /// <summary>Removes positions [p0, p1) of a sequence (-1 = to the end, -1 seq = all).</summary>
    public bool RemoveSequence(int sequence, int p0 = -1, int p1 = -1) => Llama.MemorySeqRm(Llama.GetMemory(_handle), sequence, p0, p1);

    /// <summary>The last cached position of a sequence, -1 when empty.</summary>
    public int SequenceEnd(int sequence) => Llama.MemorySeqPosMax(Llama.GetMemory(_handle), sequence);

    /// <summary>Waits for queued GPU work. Perf counters settle only here.</summary>
    public void Synchronize() => Llama.Synchronize(_handle);

    /// <summary>
    /// What llama.cpp holds for this context and its model, per buffer type (llama_get_memory_breakdown). On a context
    /// of a <see cref="ModelLoadOptions.DryRun"/> model these are the sizes it would allocate.
    /// </summary>
    public IReadOnlyList<NativeBufferMemory> MemoryBreakdown() => NativeMemoryBreakdown.Read(_handle);

    /// <summary>llama.cpp's own timing counters, read after a synchronize.</summary>
    public PerfCounters ReadPerf()
    {
        Llama.Synchronize(_handle);
        var d = Llama.PerfContext(_handle);
        return new PerfCounters(d.TLoadMs, d.TPromptEvalMs, d.TEvalMs, d.NPromptEval, d.NEval, d.NReused);
    }

    /// <summary>Resets the counters, after a synchronize so warmup work does not leak into them.</summary>
    public void ResetPerf()
    {
        Llama.Synchronize(_handle);
        Llama.PerfContextReset(_handle);
    }

    /// <summary>Makes the running (or next) decode return early; takes effect within tens of milliseconds.</summary>
    public void RequestAbort() => Volatile.Write(ref *_handle.AbortFlag, 1);

    /// <summary>Clears an abort request so decoding can continue.</summary>
    public void ClearAbort() => Volatile.Write(ref *_handle.AbortFlag, 0);

    public void Dispose()
    {
        _handle.Dispose();
        _threadpool.Dispose();
        FreeRetiredThreadpools();
    }

    internal SafeLlamaContextHandle Handle => _handle;

    /// <summary>After a successful decode the CPU backend has switched to the current pool and paused the old ones.</summary>
    private void FreeRetiredThreadpools()
    {
        if (_retiredThreadpools.Count == 0)
        {
            return;
        }

        foreach (var retired in _retiredThreadpools)
        {
            retired.Dispose();
        }

        _retiredThreadpools.Clear();
    }

    private static void ThrowIfFailed(int code)
    {
        try
        {
            LlamaStatus.ThrowIfDecodeFailed(code);
        }
        catch (LlamaNativeException ex)
        {
            throw new JanTuneException(ex.Message, ex.Hint, ex);
        }
    }

    private static void Validate(ContextOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(o.ContextSize, nameof(o.ContextSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BatchSize, 1, nameof(o.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.UBatchSize, 1, nameof(o.UBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Threads, 1, nameof(o.Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxSequences, 1, nameof(o.MaxSequences));
        ArgumentNullException.ThrowIfNull(o.Threadpool, nameof(o.Threadpool));
        if (o.Threadpool.Problem() is { } problem)
        {
            throw new JanTuneException($"bad CPU threadpool setting: {problem}", "poll is 0..100; cpu mask is hex like 0xFF (bit i = CPU i)");
        }

        var maxSeq = (int)Llama.MaxParallelSequences();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.MaxSequences, maxSeq, nameof(o.MaxSequences));
    }
}
