using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct llama_perf_context_data (48 bytes). Settles only after llama_synchronize.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaPerfContextData
{
    public double TStartMs;
    public double TLoadMs;
    public double TPromptEvalMs;
    public double TEvalMs;
    public int NPromptEval;
    public int NEval;
    public int NReused;
}
