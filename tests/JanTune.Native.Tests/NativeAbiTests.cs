using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native.Tests;

/// <summary>
/// Pins the C ABI of the bound llama.cpp build (sizes and offsets checked with gcc offsetof against its llama.h).
/// A native upgrade that moves a field fails here instead of corrupting memory.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class NativeAbiTests
{
    [Theory]
    [InlineData(typeof(LlamaModelParams), 80)]
    [InlineData(typeof(LlamaContextParams), 160)]
    [InlineData(typeof(LlamaModelQuantizeParams), 64)]
    [InlineData(typeof(LlamaBatch), 56)]
    [InlineData(typeof(LlamaPerfContextData), 48)]
    [InlineData(typeof(LlamaChatMessage), 16)]
    [InlineData(typeof(LlamaSamplerChainParams), 1)]
    [InlineData(typeof(GgmlThreadpoolParams), 528)]
    [InlineData(typeof(LlamaModelTensorBuftOverride), 16)]
    public void StructSize_MatchesLlamaHeader(Type type, int expected)
    {
        Assert.Equal(expected, Marshal.SizeOf(type));
    }

    [Theory]
    [InlineData(nameof(LlamaModelParams.TensorBuftOverrides), 8)]
    [InlineData(nameof(LlamaModelParams.NGpuLayers), 16)]
    [InlineData(nameof(LlamaModelParams.MainGpu), 32)]
    [InlineData(nameof(LlamaModelParams.TensorSplit), 40)]
    [InlineData(nameof(LlamaModelParams.KvOverrides), 64)]
    [InlineData(nameof(LlamaModelParams.VocabOnly), 72)]
    [InlineData(nameof(LlamaModelParams.UseExtraBufts), 74)]
    [InlineData(nameof(LlamaModelParams.NoAlloc), 76)]
    [InlineData(nameof(LlamaModelParams.LoadMtp), 77)]
    public void ModelParams_FieldOffset_MatchesLlamaHeader(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaModelParams>(field));
    }

    [Theory]
    [InlineData(nameof(LlamaModelTensorBuftOverride.Pattern), 0)]
    [InlineData(nameof(LlamaModelTensorBuftOverride.BufferType), 8)]
    public void TensorBuftOverride_FieldOffset_MatchesLlamaHeader(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaModelTensorBuftOverride>(field));
    }

    [Theory]
    [InlineData(nameof(LlamaContextParams.NThreads), 28)]
    [InlineData(nameof(LlamaContextParams.FlashAttnType), 52)]
    [InlineData(nameof(LlamaContextParams.RopeFreqBase), 56)]
    [InlineData(nameof(LlamaContextParams.YarnOrigCtx), 80)]
    [InlineData(nameof(LlamaContextParams.CbEval), 88)]
    [InlineData(nameof(LlamaContextParams.TypeK), 104)]
    [InlineData(nameof(LlamaContextParams.AbortCallback), 112)]
    [InlineData(nameof(LlamaContextParams.Embeddings), 128)]
    [InlineData(nameof(LlamaContextParams.NoPerf), 130)]
    [InlineData(nameof(LlamaContextParams.KvUnified), 133)]
    [InlineData(nameof(LlamaContextParams.Samplers), 136)]
    [InlineData(nameof(LlamaContextParams.CtxOther), 152)]
    public void ContextParams_FieldOffset_MatchesLlamaHeader(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaContextParams>(field));
    }

    [Theory]
    [InlineData(nameof(LlamaModelQuantizeParams.AllowRequantize), 16)]
    [InlineData(nameof(LlamaModelQuantizeParams.DryRun), 21)]
    [InlineData(nameof(LlamaModelQuantizeParams.Imatrix), 24)]
    [InlineData(nameof(LlamaModelQuantizeParams.MaxBufSize), 56)]
    public void QuantizeParams_FieldOffset_MatchesLlamaHeader(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(field));
    }

    [Theory]
    [InlineData(nameof(GgmlThreadpoolParams.NThreads), 512)]
    [InlineData(nameof(GgmlThreadpoolParams.Prio), 516)]
    [InlineData(nameof(GgmlThreadpoolParams.Poll), 520)]
    [InlineData(nameof(GgmlThreadpoolParams.StrictCpu), 524)]
    [InlineData(nameof(GgmlThreadpoolParams.Paused), 525)]
    public void ThreadpoolParams_FieldOffset_MatchesGgmlHeader(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<GgmlThreadpoolParams>(field));
    }

    [Fact]
    public unsafe void ThreadpoolParamsInit_FromLibrary_MatchesOurDefaults()
    {
        GgmlThreadpoolParams p;
        p.Poll = 7;
        p.Prio = GgmlSchedPriority.High;

        Ggml.ThreadpoolParamsInit(&p, 3);

        Assert.Equal(3, p.NThreads);
        Assert.Equal((uint)CpuThreadpoolSettings.Default.Poll, p.Poll);
        Assert.Equal(CpuThreadpoolSettings.Default.Priority, p.Prio);
        Assert.Equal(0, p.StrictCpu);
        Assert.Equal(0, p.Paused);
    }

    /// <summary>libstdc++'s std::map and its node, as llama_get_memory_breakdown returns them (checked with g++ offsetof).</summary>
    [Theory]
    [InlineData(nameof(StdMap.Root), 16)]
    [InlineData(nameof(StdMap.Leftmost), 24)]
    [InlineData(nameof(StdMap.Rightmost), 32)]
    [InlineData(nameof(StdMap.Count), 40)]
    public void StdMap_FieldOffset_MatchesLibstdcxx(string field, int offset)
    {
        Assert.Equal(48, Marshal.SizeOf<StdMap>());
        Assert.Equal(offset, (int)Marshal.OffsetOf<StdMap>(field));
    }

    [Theory]
    [InlineData(nameof(StdMapBreakdownNode.Left), 16)]
    [InlineData(nameof(StdMapBreakdownNode.Right), 24)]
    [InlineData(nameof(StdMapBreakdownNode.BufferType), 32)]
    [InlineData(nameof(StdMapBreakdownNode.Model), 40)]
    [InlineData(nameof(StdMapBreakdownNode.Compute), 56)]
    public void StdMapNode_FieldOffset_MatchesLibstdcxx(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<StdMapBreakdownNode>(field));
    }

    [Fact]
    public void ModelDefaultParams_FromLibrary_HaveKnownValues()
    {
        var p = Llama.ModelDefaultParams();

        Assert.Equal(-1, p.NGpuLayers);
        Assert.Equal(LlamaSplitMode.Layer, p.SplitMode);
        Assert.Equal(LlamaLoadMode.Auto, p.LoadMode);
        Assert.Equal(0, p.MainGpu);
        Assert.Equal(1, p.UseExtraBufts);
        Assert.Equal(0, p.VocabOnly);
        Assert.Equal(0, p.NoAlloc);
        Assert.Equal(0, p.LoadMtp);
        Assert.Equal(IntPtr.Zero, p.Devices);
    }

    [Fact]
    public void ContextDefaultParams_FromLibrary_HaveKnownValues()
    {
        var p = Llama.ContextDefaultParams();

        Assert.Equal(512u, p.NCtx);
        Assert.Equal(2048u, p.NBatch);
        Assert.Equal(512u, p.NUbatch);
        Assert.Equal(1u, p.NSeqMax);
        Assert.Equal(1u, p.NOutputsMaxPerSeq);
        Assert.Equal(4, p.NThreads);
        Assert.Equal(LlamaFlashAttnType.Auto, p.FlashAttnType);
        Assert.Equal(-1f, p.YarnExtFactor);
        Assert.Equal(1, p.TypeK); // GGML_TYPE_F16
        Assert.Equal(1, p.TypeV);
        Assert.Equal(1, p.OffloadKqv);
        Assert.Equal(1, p.NoPerf);
        Assert.Equal(1, p.OpOffload);
        Assert.Equal(0, p.KvUnified);
        Assert.Equal(IntPtr.Zero, p.AbortCallback);
    }

    [Fact]
    public void QuantizeDefaultParams_FromLibrary_HaveKnownValues()
    {
        var p = Llama.ModelQuantizeDefaultParams();

        Assert.Equal(1, p.QuantizeOutputTensor);
        Assert.Equal(0, p.Pure);
        Assert.Equal(0, p.DryRun);
        Assert.Equal(8UL << 30, (ulong)p.MaxBufSize);
    }

    [Fact]
    public void Devices_OnCpuBackend_ListACpuDevice()
    {
        var devices = LlamaBackend.Devices();

        Assert.Contains(devices, d => d.Type == GgmlDeviceType.Cpu && d.TotalBytes > 0);
    }

    [Fact]
    public void SystemInfo_ReturnedPointer_IsCopiedNotFreed()
    {
        // Twice: a marshaller that freed the library's buffer would crash or corrupt the second read.
        var first = LlamaBackend.SystemInfo();
        var second = LlamaBackend.SystemInfo();

        Assert.Contains("CPU", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }
}
