using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>struct llama_chat_message: two UTF-8 C strings owned by the caller for the duration of the call.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaChatMessage
{
    public IntPtr Role;
    public IntPtr Content;
}
