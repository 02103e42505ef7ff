namespace JanTune.Native.Interop;

/// <summary>
/// Logical library names used in every [LibraryImport]. <see cref="NativeLibraries"/> maps them to the versioned
/// files of one installed backend (libllama.v0.5.0.so, libllama.cuda.v0.5.0.so, ...).
/// </summary>
internal static class Libraries
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";
    public const string GgmlBase = "ggml-base";
}
