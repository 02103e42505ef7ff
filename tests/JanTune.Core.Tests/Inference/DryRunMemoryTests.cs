using JanTune.Core.Inference;
using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Tests.Inference;

/// <summary>llama.cpp's no_alloc dry run, read through llama_get_memory_breakdown, against a real load.</summary>
[Collection(EngineCollection.Name)]
public sealed class DryRunMemoryTests(EngineFixture engine)
{
    [Theory]
    [InlineData(true, 512)]
    [InlineData(false, 2048)]
    public void DryRun_MatchesTheRealLoadsBreakdown(bool repack, int contextSize)
    {
        // Given a configuration
        var load = new ModelLoadOptions { WeightRepack = repack, UseMmap = false };
        var context = EngineFixture.OneThread(ctx: contextSize);

        // When it is only simulated, and when it is really loaded
        var dry = DryRunMemory.Measure(engine.Q4Path, load, context);
        using var model = LlamaModel.Load(engine.Q4Path, load);
        using var real = model.CreateContext(context);
        var measured = real.MemoryBreakdown();

        // Then llama.cpp predicts exactly what it then allocates, buffer type by buffer type
        Assert.NotEmpty(dry.Buffers);
        Assert.Equal(
            measured.OrderBy(b => b.BufferType, StringComparer.Ordinal),
            dry.Buffers.OrderBy(b => b.BufferType, StringComparer.Ordinal));

        // And the figures are the model's: all on the host here, weights as big as the tensors, a KV cache that grows with n_ctx
        Assert.Equal(0, dry.DeviceBytes);
        Assert.Equal(dry.TotalBytes, dry.HostBytes);
        Assert.InRange(dry.Buffers.Sum(b => b.ModelBytes), model.SizeBytes, model.SizeBytes * 11 / 10);
        Assert.Contains(dry.Buffers, b => b.ContextBytes > 0);
        Assert.Contains(dry.Buffers, b => b.ComputeBytes > 0);
        Assert.Equal(repack, dry.Buffers.Any(b => b.BufferType.Contains("REPACK", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void DryRun_KvCacheScalesWithContext()
    {
        var load = new ModelLoadOptions { UseMmap = false };
        var small = DryRunMemory.Measure(engine.Q4Path, load, EngineFixture.OneThread(ctx: 512));
        var large = DryRunMemory.Measure(engine.Q4Path, load, EngineFixture.OneThread(ctx: 2048));

        var kvSmall = small.Buffers.Sum(b => b.ContextBytes);
        var kvLarge = large.Buffers.Sum(b => b.ContextBytes);
        Assert.Equal(4 * kvSmall, kvLarge);
    }

    [Fact]
    public void DryRun_OfAMissingFile_ThrowsLikeARealLoad()
    {
        var ex = Assert.ThrowsAny<Exception>(() => DryRunMemory.Measure("/nonexistent/model.gguf", new ModelLoadOptions(), EngineFixture.OneThread()));
        Assert.Contains("model.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorSplit_IsPaddedToTheDeviceCount_AndValidated()
    {
        var padded = LlamaModel.TensorSplitArray([3f, 1f]);
        Assert.NotNull(padded);
        Assert.True(padded.Length >= 2);
        Assert.Equal([3f, 1f], padded[..2]);
        Assert.All(padded[2..], p => Assert.Equal(0f, p));
        Assert.Null(LlamaModel.TensorSplitArray([]));

        Assert.Throws<JanTuneException>(() => LlamaModel.TensorSplitArray([-1f, 1f]));
        Assert.Throws<JanTuneException>(() => LlamaModel.TensorSplitArray([0f, 0f]));
        Assert.Throws<JanTuneException>(() => LlamaModel.TensorSplitArray([float.NaN]));
        Assert.Throws<JanTuneException>(() => LlamaModel.TensorSplitArray(Enumerable.Repeat(1f, 1000).ToArray()));
    }
}

/// <summary>The fit rule the sweep worker applies to a dry run before it loads anything.</summary>
[Collection(EngineCollection.Name)]
public sealed class DryRunFitTests(EngineFixture engine)
{
    private static NativeDevice Gpu(string name, long freeBytes) => new(0, "CUDA", name, "test GPU", GgmlDeviceType.Gpu, freeBytes, freeBytes);

    private DryRunMemory TinyDryRun() =>
        DryRunMemory.Measure(engine.Q4Path, new ModelLoadOptions { UseMmap = false }, EngineFixture.OneThread(ctx: 2048));

    [Fact]
    public void Check_HostMemory_FitsWithRoomAndNotWithout()
    {
        var dry = TinyDryRun();

        Assert.Null(DryRunFit.Check(dry, modelLoaded: false, hostAvailableBytes: 8L << 30, devices: []));

        var reason = DryRunFit.Check(dry, modelLoaded: false, hostAvailableBytes: dry.HostBytes, devices: []);
        Assert.NotNull(reason);
        Assert.Contains("RAM", reason, StringComparison.Ordinal);
        Assert.Contains("context length", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ModelAlreadyLoaded_CountsOnlyKvCacheAndCompute()
    {
        // Given room for the context and compute buffers but not for the weights again
        var dry = TinyDryRun();
        var contextOnly = dry.Buffers.Where(b => b.IsHost).Sum(b => b.ContextBytes + b.ComputeBytes);
        var available = (long)((contextOnly + 1024) / DryRunFit.HostShare);
        Assert.True(available < dry.HostBytes / DryRunFit.HostShare);

        // Then a new context on the loaded model fits, a fresh load does not
        Assert.Null(DryRunFit.Check(dry, modelLoaded: true, available, []));
        Assert.NotNull(DryRunFit.Check(dry, modelLoaded: false, available, []));
    }

    [Fact]
    public void Check_DeviceMemory_IsJudgedPerDeviceWithAMargin()
    {
        var dry = new DryRunMemory([
            new NativeBufferMemory("CPU", true, null, 100, 10, 10),
            new NativeBufferMemory("CUDA0", false, "CUDA0", 3L << 30, 256L << 20, 256L << 20),
            new NativeBufferMemory("CUDA1", false, "CUDA1", 1L << 30, 0, 0),
        ]);

        Assert.Equal((3L << 30) + (512L << 20), dry.PerDevice()["CUDA0"]);
        Assert.Null(DryRunFit.Check(dry, false, 8L << 30, [Gpu("CUDA0", 8L << 30), Gpu("CUDA1", 2L << 30)]));

        var reason = DryRunFit.Check(dry, false, 8L << 30, [Gpu("CUDA0", 8L << 30), Gpu("CUDA1", (1L << 30) + (100L << 20))]);
        Assert.NotNull(reason);
        Assert.Contains("CUDA1", reason, StringComparison.Ordinal);
        Assert.Contains("ngl", reason, StringComparison.Ordinal);

        // Only the context's part counts once the weights are on the device
        Assert.Null(DryRunFit.Check(dry, true, 8L << 30, [Gpu("CUDA0", 1L << 30), Gpu("CUDA1", 300L << 20)]));
    }
}
