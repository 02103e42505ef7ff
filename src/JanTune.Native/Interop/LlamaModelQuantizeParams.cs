using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct llama_model_quantize_params (64 bytes on x64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelQuantizeParams
{
    public int NThread;
    public int FType;
    public int OutputTensorType; // enum ggml_type
    public int TokenEmbeddingType;
    public byte AllowRequantize;
    public byte QuantizeOutputTensor;
    public byte OnlyCopy;
    public byte Pure;
    public byte KeepSplit;
    public byte DryRun;
    public IntPtr Imatrix;
    public IntPtr KvOverrides;
    public IntPtr TtOverrides;
    public IntPtr PruneLayers;
    public nuint MaxBufSize;
}
