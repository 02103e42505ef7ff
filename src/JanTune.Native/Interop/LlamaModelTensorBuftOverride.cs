using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>
/// struct llama_model_tensor_buft_override of the pinned llama.h (16 bytes on x64; pinned by NativeAbiTests): a regex
/// over tensor names and the buffer type their weights go to. llama_model_params.tensor_buft_overrides points at an
/// array of these ended by an entry whose pattern is NULL.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelTensorBuftOverride
{
    public IntPtr Pattern;
    public IntPtr BufferType;
}
