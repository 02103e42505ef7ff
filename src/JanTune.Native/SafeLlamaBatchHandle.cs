using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// Owns a batch from llama_batch_init. The struct is kept by value because llama_batch_free takes it by value;
/// the handle value is its token array, which is never null for a token batch.
/// </summary>
public sealed unsafe class SafeLlamaBatchHandle : SafeHandle
{
    private LlamaBatch _batch;

    public SafeLlamaBatchHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>How many tokens the batch was allocated for: the caller must never write past it.</summary>
    public int Capacity { get; private set; }

    /// <summary>How many sequence ids each token can carry.</summary>
    public int MaxSequences { get; private set; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal ref LlamaBatch Batch => ref _batch;

    internal static SafeLlamaBatchHandle Allocate(int capacity, int maxSequences)
    {
        var batch = Llama.BatchInit(capacity, 0, maxSequences);
        var h = new SafeLlamaBatchHandle { _batch = batch, Capacity = capacity, MaxSequences = maxSequences };
        h.SetHandle((IntPtr)batch.Token);
        return h;
    }

    protected override bool ReleaseHandle()
    {
        Llama.BatchFree(_batch);
        return true;
    }
}
