using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>Owns a llama_sampler chain; the chain owns every sampler added to it.</summary>
public sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Llama.SamplerFree(handle);
        return true;
    }

    internal static SafeLlamaSamplerHandle FromPointer(IntPtr pointer)
    {
        var h = new SafeLlamaSamplerHandle();
        h.SetHandle(pointer);
        return h;
    }
}
