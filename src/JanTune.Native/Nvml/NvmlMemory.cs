using System.Runtime.InteropServices;

namespace JanTune.Native.Nvml;

/// <summary>nvmlMemory_t (version 1): bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
