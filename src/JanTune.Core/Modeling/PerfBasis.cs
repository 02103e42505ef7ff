using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// The physically derived regressors of each target. Speeds are modelled as time per token (seconds), memory in GB;
/// every term is a cost that can only add, so coefficients are fitted non-negative. Terms are listed most important
/// first: with thin data the fitter keeps a prefix.
/// <list type="bullet">
/// <item>generation: s/token = a·cpuBytes/s(t) [repack or not] + b·gpuBytes + c·[split] + d·KV read (+ without flash attention) + e</item>
/// <item>prompt and TTFT/N: s/token = a·2·cpuParams/s(t) [repack or not] + b·2·gpuParams + c·cpuBytes/ub + d·[split]/ub + e/ub + f·attention + g</item>
/// <item>RAM: GB = a·host weights + b·repacked bytes + c·host KV + d·ubatch compute buffer + e</item>
/// <item>VRAM: GB = a·device weights + b·device KV + c·[offload]·compute buffer + d·[offload]</item>
/// </list>
/// with thread saturation s(t) = t / (1 + (t − 1)/t_sat).
/// </summary>
internal static class PerfBasis
{
    private const double Giga = 1e9;

    public static IReadOnlyList<string> Terms(PerfTarget target) => target switch
    {
        PerfTarget.GenerationTokensPerSecond =>
            ["cpu_bytes", "cpu_bytes_repack", "gpu_bytes", "constant", "split", "kv_cpu", "kv_gpu", "kv_no_flash"],
        PerfTarget.PromptTokensPerSecond or PerfTarget.TimeToFirstTokenMs =>
            ["cpu_flops", "cpu_flops_repack", "gpu_flops", "constant", "cpu_stream", "split_per_ubatch", "per_ubatch", "attn_cpu", "attn_gpu", "attn_no_flash"],
        PerfTarget.PeakRamBytes => ["host_weights", "repack", "constant", "kv_host", "compute_host"],
        PerfTarget.PeakVramBytes => ["device_weights", "device_constant", "kv_device", "compute_device"],
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Whether the target depends on threads (and so has a fitted t_sat).</summary>
    public static bool UsesThreads(PerfTarget target) => target is PerfTarget.GenerationTokensPerSecond or PerfTarget.PromptTokensPerSecond or PerfTarget.TimeToFirstTokenMs;

    public static double Saturation(int threads, double tSat)
    {
        var t = Math.Max(1, threads);
        return t / (1 + ((t - 1) / tSat));
    }

    /// <summary>The value of one term for a configuration and test.</summary>
    public static double Value(string term, PerfTarget target, TrialConfig config, TrialTest test, ModelFacts facts, double tSat)
    {
        var p = WeightPlacement.Of(config, facts);
        var s = Saturation(config.Threads, tSat);
        var repack = config.WeightRepack ? 1.0 : 0.0;
        var flashOff = WeightPlacement.FlashOff(config) ? 1.0 : 0.0;
        var paramsPerByte = 8.0 / Math.Max(1.0, facts.BitsPerWeight);
        var ub = Math.Max(1, Math.Min(Math.Min(config.UBatchSize, config.BatchSize), test.Kind == TestKind.Prompt ? test.Tokens : 1));

        // Mean KV length seen by the tokens of the test.
        var kvLength = test.Depth + (test.Tokens / 2.0);
        return term switch
        {
            "constant" => 1,
            "cpu_bytes" => (1 - repack) * p.CpuReadBytes / s / Giga,
            "cpu_bytes_repack" => repack * p.CpuReadBytes / s / Giga,
            "gpu_bytes" => p.GpuReadBytes / Giga,
            "split" => p.Split ? 1 : 0,
            "kv_cpu" => kvLength * p.KvCpuBytesPerToken / s / Giga,
            "kv_gpu" => kvLength * p.KvGpuBytesPerToken / Giga,
            "kv_no_flash" => flashOff * kvLength * (p.KvCpuBytesPerToken + p.KvGpuBytesPerToken) / Giga,
            "cpu_flops" => (1 - repack) * 2 * p.CpuReadBytes * paramsPerByte / s / Giga,
            "cpu_flops_repack" => repack * 2 * p.CpuReadBytes * paramsPerByte / s / Giga,
            "gpu_flops" => 2 * p.GpuReadBytes * paramsPerByte / Giga,
            "cpu_stream" => p.CpuReadBytes / ub / Giga,
            "split_per_ubatch" => p.Split ? 1.0 / ub : 0,
            "per_ubatch" => 1.0 / ub,
            "attn_cpu" => kvLength * p.KvCpuBytesPerToken / s / Giga,
            "attn_gpu" => kvLength * p.KvGpuBytesPerToken / Giga,
            "attn_no_flash" => flashOff * kvLength * (p.KvCpuBytesPerToken + p.KvGpuBytesPerToken) / Giga,
            "host_weights" => (p.CpuReadBytes + p.EmbeddingBytes) / Giga,
            "repack" => (config.WeightRepack ? p.CpuReadBytes : 0) / Giga,
            "kv_host" => config.ContextSize * p.KvCpuBytesPerToken / Giga,
            "compute_host" => MemoryPredictor.ComputeBufferBytes(config, facts) / Giga,
            "device_weights" => p.GpuReadBytes / Giga,
            "device_constant" => p.OnGpu ? 1 : 0,
            "kv_device" => config.ContextSize * p.KvGpuBytesPerToken / Giga,
            "compute_device" => p.OnGpu ? MemoryPredictor.ComputeBufferBytes(config, facts) / Giga : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(term), term, "unknown model term"),
        };
    }

    /// <summary>Converts a measured figure to the linear response (s/token, GB), or null when the trial has none.</summary>
    public static double? Response(PerfTarget target, TrialResult r)
    {
        if (r.Status != TrialStatus.Ok)
        {
            return null;
        }

        return target switch
        {
            PerfTarget.GenerationTokensPerSecond when r.Test.Kind == TestKind.Generation && r.Stats is { Mean: > 0 } st => 1 / st.Mean,
            PerfTarget.PromptTokensPerSecond when r.Test.Kind == TestKind.Prompt && r.Stats is { Mean: > 0 } st => 1 / st.Mean,
            PerfTarget.TimeToFirstTokenMs when r.Test.Kind == TestKind.Prompt && r.TimeToFirstTokenMs is > 0 => r.TimeToFirstTokenMs.Value / 1000 / r.Test.Tokens,
            PerfTarget.PeakRamBytes when r.PeakRssBytes is > 0 => r.PeakRssBytes.Value / Giga,
            PerfTarget.PeakVramBytes when r.DeviceMemoryBytes is > 0 && !WeightPlacement.IsCpuBackend(r.Config.Backend) => r.DeviceMemoryBytes.Value / Giga,
            _ => null,
        };
    }

    /// <summary>Converts a linear response back to the target's unit.</summary>
    public static double FromResponse(PerfTarget target, double response, TrialTest test) => target switch
    {
        PerfTarget.GenerationTokensPerSecond or PerfTarget.PromptTokensPerSecond => 1 / Math.Max(response, 1e-9),
        PerfTarget.TimeToFirstTokenMs => response * test.Tokens * 1000,
        _ => response * Giga,
    };
}
