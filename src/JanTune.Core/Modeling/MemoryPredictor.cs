using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Predicts RAM and VRAM from the model facts and the context parameters alone, so the sweep planner can skip
/// configurations that would not fit before paying for a load (or an out-of-memory kill).
/// </summary>
public static class MemoryPredictor
{
    /// <summary>Runtime overhead outside the tensors (ggml context, graph, allocator slack, process baseline).</summary>
    internal const long HostOverheadBytes = 64L << 20;

    internal const long DeviceOverheadBytes = 256L << 20;

    public static MemoryEstimate Predict(TrialConfig config, ModelFacts facts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(facts);
        var p = WeightPlacement.Of(config, facts);
        var compute = ComputeBufferBytes(config, facts);

        // Repacking keeps a second, interleaved copy of the host-resident Q4_0/Q8_0 weights (~380 MB on 0.84B).
        var repack = config.WeightRepack ? p.CpuReadBytes : 0;
        var ram = p.CpuReadBytes + p.EmbeddingBytes + repack + (config.ContextSize * p.KvCpuBytesPerToken) + compute + HostOverheadBytes;
        var vram = p.OnGpu ? p.GpuReadBytes + (config.ContextSize * p.KvGpuBytesPerToken) + compute + DeviceOverheadBytes : 0;
        return new MemoryEstimate((long)ram, (long)vram);
    }

    /// <summary>True when the predicted RAM and VRAM both fit in what is available after the headroom.</summary>
    public static bool Fits(TrialConfig config, ModelFacts facts, long availableRam, long availableVram, MemoryHeadroom headroom) =>
        Check(config, facts, availableRam, availableVram, headroom).Fits;

    /// <summary>
    /// Checks a configuration; <paramref name="dryRun"/> (llama.cpp's no_alloc load, total bytes) is consulted when
    /// given, and the larger of the two figures decides, so neither estimate alone lets an oversized config through.
    /// </summary>
    public static MemoryCheck Check(
        TrialConfig config,
        ModelFacts facts,
        long availableRam,
        long availableVram,
        MemoryHeadroom headroom,
        Func<TrialConfig, long?>? dryRun = null)
    {
        ArgumentNullException.ThrowIfNull(headroom);
        var predicted = Predict(config, facts);
        var measured = dryRun?.Invoke(config);
        var ramLimit = headroom.Usable(availableRam);
        var vramLimit = headroom.Usable(availableVram);
        if (predicted.RamBytes > ramLimit)
        {
            return new MemoryCheck(predicted, measured, false, $"predicted RAM {Gib(predicted.RamBytes)} > usable {Gib(ramLimit)}");
        }

        if (predicted.VramBytes > 0 && predicted.VramBytes > vramLimit)
        {
            return new MemoryCheck(predicted, measured, false, $"predicted VRAM {Gib(predicted.VramBytes)} > usable {Gib(vramLimit)}");
        }

        if (measured is { } m && m > ramLimit + Math.Max(0, vramLimit))
        {
            return new MemoryCheck(predicted, measured, false, $"dry run needs {Gib(m)} > usable {Gib(ramLimit + Math.Max(0, vramLimit))}");
        }

        return new MemoryCheck(predicted, measured, true, "fits");
    }

    /// <summary>
    /// The ubatch-sized compute buffer. The facts carry no n_embd or n_vocab, so they are recovered from the shapes
    /// of a llama layer (about 12·n_embd² parameters) and the output matrix (n_vocab·n_embd): logits in F32 for the
    /// ubatch, activations, and without flash attention the full score matrix (ubatch · ctx · heads, head dim 128).
    /// </summary>
    internal static double ComputeBufferBytes(TrialConfig config, ModelFacts facts)
    {
        var paramsPerByte = 8.0 / Math.Max(1.0, facts.BitsPerWeight);
        var embd = Math.Sqrt(Math.Max(1, facts.BytesPerLayer * paramsPerByte / 12));
        var vocab = facts.OutputLayerBytes * paramsPerByte / embd;
        var ub = Math.Min(config.UBatchSize, config.BatchSize);
        var perToken = 4 * (vocab + (8 * embd));
        var scores = WeightPlacement.FlashOff(config) ? 4.0 * config.ContextSize * Math.Max(1, embd / 128) : 0;
        return ub * (perToken + scores);
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB";
}
