using JanTune.Native;

namespace JanTune.Core.Inference;

/// <summary>
/// llama.cpp's own answer to "how much memory would this configuration take": the model loaded with <c>no_alloc</c>
/// (metadata and simulated allocations, no weights read, nothing allocated: what its <c>--fit</c> logic does) and a
/// context created on it, then <c>llama_get_memory_breakdown</c>. Weights, KV cache and compute buffers, per buffer type.
/// </summary>
public sealed record DryRunMemory(IReadOnlyList<NativeBufferMemory> Buffers)
{
    /// <summary>System memory: host weights (repacked ones included), host KV cache, host compute buffers.</summary>
    public long HostBytes => Buffers.Where(b => b.IsHost).Sum(b => b.TotalBytes);

    /// <summary>Memory on every device together.</summary>
    public long DeviceBytes => Buffers.Where(b => !b.IsHost).Sum(b => b.TotalBytes);

    public long TotalBytes => HostBytes + DeviceBytes;

    /// <summary>Device bytes by device name (CUDA0, Vulkan0, ...).</summary>
    public IReadOnlyDictionary<string, long> PerDevice(Func<NativeBufferMemory, long>? part = null) => Buffers
        .Where(b => !b.IsHost && b.Device is not null)
        .GroupBy(b => b.Device!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(part ?? (b => b.TotalBytes)), StringComparer.Ordinal);

    /// <summary>Runs the dry run. Errors are the same as a real load's (a file llama.cpp cannot read, a bad context).</summary>
    public static DryRunMemory Measure(string modelPath, ModelLoadOptions load, ContextOptions context)
    {
        ArgumentNullException.ThrowIfNull(load);
        using var model = LlamaModel.Load(modelPath, load with { DryRun = true, UseMmap = false });
        using var ctx = model.CreateContext(context);
        return new DryRunMemory(ctx.MemoryBreakdown());
    }
}
