using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct llama_batch (56 bytes on x64). Arrays are owned by llama_batch_init / llama_batch_free.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int NTokens;
    public int* Token;
    public float* Embd;
    public int* Pos;
    public int* NSeqId;
    public int** SeqId;
    public sbyte* Logits;
}
