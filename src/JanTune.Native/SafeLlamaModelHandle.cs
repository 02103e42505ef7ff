using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>Owns a llama_model; llama_model_free is called only from <see cref="ReleaseHandle"/>.</summary>
public sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Llama.ModelFree(handle);
        return true;
    }

    internal static SafeLlamaModelHandle FromPointer(IntPtr pointer)
    {
        var h = new SafeLlamaModelHandle();
        h.SetHandle(pointer);
        return h;
    }
}
