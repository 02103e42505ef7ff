using System.Runtime.InteropServices;

namespace JanTune.Native.Nvml;

/// <summary>nvmlUtilization_t: percent of the last sample period the GPU and its memory were busy.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}
