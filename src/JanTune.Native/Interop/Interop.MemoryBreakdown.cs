using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>
/// llama-ext.h's <c>llama_get_memory_breakdown</c>: llama.cpp's own per-buffer-type memory figures, the ones its
/// <c>--fit</c> logic reads, and after a <c>no_alloc</c> load the only way to learn what a configuration would take
/// without allocating it. It is a C++ function returning
/// <c>std::map&lt;ggml_backend_buffer_type_t, llama_memory_breakdown_data&gt;</c> by value, so it is called by its
/// mangled name with the hidden return pointer (System V: the caller's buffer goes first), and the map is read as
/// libstdc++ lays it out. <see cref="StdMap"/> pins that layout; a test checks it against a real load.
/// </summary>
internal static unsafe partial class LlamaExt
{
    public const string StdCpp = "libstdc++.so.6";

    [LibraryImport(Libraries.Llama, EntryPoint = "_Z26llama_get_memory_breakdownPK13llama_context")]
    public static partial void GetMemoryBreakdown(StdMap* result, SafeLlamaContextHandle context);

    /// <summary>The global <c>operator delete(void*)</c> that frees the map's nodes (allocated by the global operator new).</summary>
    [LibraryImport(StdCpp, EntryPoint = "_ZdlPv")]
    public static partial void OperatorDelete(void* pointer);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_buft_name")]
    public static partial byte* BufferTypeName(IntPtr bufferType);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_buft_is_host")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool BufferTypeIsHost(IntPtr bufferType);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_buft_get_device")]
    public static partial IntPtr BufferTypeDevice(IntPtr bufferType);
}

/// <summary>
/// libstdc++'s <c>std::map</c> (an <c>_Rb_tree</c>), 48 bytes on x86-64: the empty comparator padded to 8, the header
/// node (color, parent = root, left = leftmost, right = rightmost) and the node count.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StdMap
{
    public IntPtr Compare;
    public int HeaderColor;
    public int HeaderPadding;
    public IntPtr Root;
    public IntPtr Leftmost;
    public IntPtr Rightmost;
    public nuint Count;
}

/// <summary>
/// One <c>_Rb_tree_node&lt;pair&lt;buft const, llama_memory_breakdown_data&gt;&gt;</c>: the 32-byte node base
/// (color, parent, left, right), then the key and the three size_t figures (model, context, compute).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StdMapBreakdownNode
{
    public int Color;
    public int Padding;
    public IntPtr Parent;
    public IntPtr Left;
    public IntPtr Right;
    public IntPtr BufferType;
    public nuint Model;
    public nuint Context;
    public nuint Compute;
}
