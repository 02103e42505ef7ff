using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>Memory llama.cpp holds (or, after a no_alloc load, would hold) in one buffer type.</summary>
/// <param name="BufferType">ggml's buffer type name, e.g. CPU, CPU_REPACK, CUDA0, Vulkan0.</param>
/// <param name="IsHost">True for buffers in system memory (host buffers and the CPU device's, repacked ones included).</param>
/// <param name="Device">The device a device buffer lives on, e.g. CUDA0; null for host buffers.</param>
/// <param name="ModelBytes">Weights.</param>
/// <param name="ContextBytes">KV cache (and recurrent state).</param>
/// <param name="ComputeBytes">Compute (scratch) buffers for the largest graph.</param>
public sealed record NativeBufferMemory(string BufferType, bool IsHost, string? Device, long ModelBytes, long ContextBytes, long ComputeBytes)
{
    public long TotalBytes => ModelBytes + ContextBytes + ComputeBytes;
}

/// <summary>Reads <c>llama_get_memory_breakdown</c> for a context and frees what it returned.</summary>
public static unsafe class NativeMemoryBreakdown
{
    public static IReadOnlyList<NativeBufferMemory> Read(SafeLlamaContextHandle context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StdMap map = default;
        LlamaExt.GetMemoryBreakdown(&map, context);
        var list = new List<NativeBufferMemory>((int)map.Count);
        var nodes = new List<IntPtr>((int)map.Count);
        Collect(map.Root, nodes);
        if ((nuint)nodes.Count != map.Count)
        {
            throw new LlamaNativeException(
                $"llama_get_memory_breakdown returned a map of {map.Count} entries but {nodes.Count} nodes were found",
                "this llama.cpp build's std::map layout differs from the one JanTune was written against; use the pinned build (`jantune backends install`)");
        }

        foreach (var pointer in nodes)
        {
            var node = (StdMapBreakdownNode*)pointer;
            var buft = node->BufferType;
            // A repacked CPU buffer is not "host" to ggml (its layout is not plain), yet it lives in system memory:
            // what counts here is whether the buffer's device is the CPU or a CPU-side accelerator (AMX, BLAS).
            var device = LlamaExt.BufferTypeDevice(buft);
            var isHost = LlamaExt.BufferTypeIsHost(buft) || device == IntPtr.Zero
                || Ggml.DeviceType(device) is GgmlDeviceType.Cpu or GgmlDeviceType.Accelerator;
            list.Add(new NativeBufferMemory(
                Utf8(LlamaExt.BufferTypeName(buft)) ?? "?",
                isHost,
                isHost || device == IntPtr.Zero ? null : Utf8(Ggml.DeviceName(device)),
                (long)node->Model,
                (long)node->Context,
                (long)node->Compute));
        }

        foreach (var pointer in nodes)
        {
            LlamaExt.OperatorDelete((void*)pointer);
        }

        return list;
    }

    private static void Collect(IntPtr node, List<IntPtr> into)
    {
        // Iterative: a red-black tree of n nodes is at most 2·log2(n+1) deep, but never trust a pointer walk to recurse.
        var stack = new Stack<IntPtr>();
        if (node != IntPtr.Zero)
        {
            stack.Push(node);
        }

        while (stack.Count > 0 && into.Count <= 4096)
        {
            var current = stack.Pop();
            into.Add(current);
            var n = (StdMapBreakdownNode*)current;
            if (n->Left != IntPtr.Zero)
            {
                stack.Push(n->Left);
            }

            if (n->Right != IntPtr.Zero)
            {
                stack.Push(n->Right);
            }
        }
    }

    private static string? Utf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((IntPtr)text);
}
