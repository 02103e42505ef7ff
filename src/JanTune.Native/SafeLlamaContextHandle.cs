using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// Owns a llama_context and keeps its model alive (a context freed after its model reads freed memory).
/// Also owns the 4-byte abort flag the native abort callback polls.
/// </summary>
public sealed unsafe class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;
    private SafeGgmlThreadpoolHandle? _threadpool;
    private int* _abortFlag;

    public SafeLlamaContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The flag polled by <see cref="AbortCallback"/>: non-zero makes llama_decode return 2.</summary>
    internal int* AbortFlag => _abortFlag;

    internal static SafeLlamaContextHandle Create(SafeLlamaModelHandle model, LlamaContextParams parameters)
    {
        var flag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        parameters.AbortCallback = (IntPtr)(delegate* unmanaged<void*, byte>)&AbortCallback;
        parameters.AbortCallbackData = (IntPtr)flag;
        var success = false;
        model.DangerousAddRef(ref success);
        var pointer = Llama.InitFromModel(model, parameters);
        if (pointer == IntPtr.Zero)
        {
            model.DangerousRelease();
            NativeMemory.Free(flag);
            return new SafeLlamaContextHandle();
        }

        var h = new SafeLlamaContextHandle { _model = model, _abortFlag = flag };
        h.SetHandle(pointer);
        return h;
    }

    /// <summary>The CPU threadpool attached last, or null (then ggml makes a throwaway pool per graph).</summary>
    public SafeGgmlThreadpoolHandle? Threadpool => _threadpool;

    /// <summary>
    /// Attaches a persistent CPU threadpool for generation and prompt batches alike (llama_attach_threadpool), replacing
    /// the previous one. The context keeps the pool alive until it is freed or replaced.
    /// </summary>
    public void AttachThreadpool(SafeGgmlThreadpoolHandle threadpool)
    {
        ArgumentNullException.ThrowIfNull(threadpool);
        var added = false;
        threadpool.DangerousAddRef(ref added);
        Llama.AttachThreadpool(this, threadpool.DangerousGetHandle(), IntPtr.Zero);
        _threadpool?.DangerousRelease();
        _threadpool = threadpool;
    }

    protected override bool ReleaseHandle()
    {
        Llama.Free(handle);
        _threadpool?.DangerousRelease();
        _threadpool = null;
        NativeMemory.Free(_abortFlag);
        _abortFlag = null;
        _model?.DangerousRelease();
        _model = null;
        return true;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static byte AbortCallback(void* data) => data != null && Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;
}
