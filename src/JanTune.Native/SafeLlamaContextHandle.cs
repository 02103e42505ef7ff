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

    protected override bool ReleaseHandle()
    {
        Llama.Free(handle);
        NativeMemory.Free(_abortFlag);
        _abortFlag = null;
        _model?.DangerousRelease();
        _model = null;
        return true;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static byte AbortCallback(void* data) => data != null && Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;
}
