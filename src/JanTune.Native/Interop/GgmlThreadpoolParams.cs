using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct ggml_threadpool_params (ggml.h, 528 bytes: a 512-byte CPU mask, three 4-byte fields, two C bools).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlThreadpoolParams
{
    public const int MaxThreads = 512;

    /// <summary>One C bool per CPU (GGML_MAX_N_THREADS); all zero = the default affinity.</summary>
    public fixed byte CpuMask[MaxThreads];
    public int NThreads;
    public GgmlSchedPriority Prio;
    public uint Poll;
    public byte StrictCpu;
    public byte Paused;
}
