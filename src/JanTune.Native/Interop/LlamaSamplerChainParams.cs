using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct llama_sampler_chain_params: a single C bool.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaSamplerChainParams
{
    public byte NoPerf;
}
