using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling.Learned;

/// <summary>
/// The features the ML.NET families learn from: every physical term of the target's basis (bytes per device, FLOPs,
/// KV traffic, split and per-ubatch terms; thread scaling left linear, t_sat is for the trees to find), the raw knobs
/// behind them, and, for the residual family, the physical model's own log prediction.
/// </summary>
internal static class LearnedFeatures
{
    private static readonly string[] Knobs = ["threads", "log2_ubatch", "log2_batch", "log2_ctx", "gpu_share", "flash", "repack", "tokens", "depth"];

    public static int Count(PerfTarget target, ModelFamily family) => PerfBasis.Terms(target).Count + Knobs.Length + (family == ModelFamily.FastTreeResidual ? 1 : 0);

    public static float[] Of(PerfTarget target, ModelFamily family, TrialConfig config, TrialTest test, ModelFacts facts, double physicalResponse)
    {
        var values = new List<float>(Count(target, family));
        values.AddRange(PerfBasis.Terms(target).Select(term => (float)PerfBasis.Value(term, target, config, test, facts, 1e6)));
        var (gpuLayers, output) = WeightPlacement.Offload(config, facts);
        values.Add(config.Threads);
        values.Add((float)Math.Log2(Math.Max(1, Math.Min(config.UBatchSize, config.BatchSize))));
        values.Add((float)Math.Log2(Math.Max(1, config.BatchSize)));
        values.Add((float)Math.Log2(Math.Max(1, config.ContextSize)));
        values.Add((gpuLayers + (output ? 1 : 0)) / (float)Math.Max(1, facts.Layers + 1));
        values.Add(WeightPlacement.FlashOff(config) ? 0 : 1);
        values.Add(config.WeightRepack ? 1 : 0);
        values.Add(test.Tokens);
        values.Add(test.Depth);
        if (family == ModelFamily.FastTreeResidual)
        {
            values.Add((float)Math.Log(Math.Max(physicalResponse, 1e-12)));
        }

        return [.. values];
    }
}
