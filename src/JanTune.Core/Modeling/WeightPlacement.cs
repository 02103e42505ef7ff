using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Where the weights and the KV cache of a configuration live. llama.cpp offloads the last <c>ngl</c> repeating
/// layers; <c>ngl = layers + 1</c> also moves the output matrix, which is why that last step is a jump in speed.
/// The token embedding stays on the host (a row lookup, barely read per token).
/// </summary>
internal readonly record struct WeightPlacement(
    double CpuReadBytes,
    double GpuReadBytes,
    double EmbeddingBytes,
    double KvCpuBytesPerToken,
    double KvGpuBytesPerToken,
    bool Split,
    bool OnGpu)
{
    public static bool IsCpuBackend(string backend) => string.Equals(backend, "cpu", StringComparison.OrdinalIgnoreCase);

    /// <summary>Offloaded repeating layers and whether the output layer is offloaded, for a config on a model.</summary>
    public static (int Layers, bool Output) Offload(TrialConfig config, ModelFacts facts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(facts);
        if (IsCpuBackend(config.Backend))
        {
            return (0, false);
        }

        var ngl = config.GpuLayers < 0 ? facts.Layers + 1 : config.GpuLayers;
        return (Math.Min(ngl, facts.Layers), ngl > facts.Layers);
    }

    public static WeightPlacement Of(TrialConfig config, ModelFacts facts)
    {
        var (gpuLayers, outputOnGpu) = Offload(config, facts);
        var cpuLayers = facts.Layers - gpuLayers;
        var cpu = (cpuLayers * (double)facts.BytesPerLayer) + (outputOnGpu ? 0 : facts.OutputLayerBytes);
        var gpu = (gpuLayers * (double)facts.BytesPerLayer) + (outputOnGpu ? facts.OutputLayerBytes : 0);

        // Expert overrides pull the experts of offloaded layers back to the host: --n-cpu-moe N covers layers 0..N-1 and
        // llama.cpp offloads the last ngl layers, so the offloaded layers it catches are those below N.
        var expertsBack = ExpertLayersOnCpu(config, facts.Layers, gpuLayers) * (double)facts.ExpertBytesPerLayer;
        cpu += expertsBack;
        gpu -= expertsBack;
        var embedding = Math.Max(0, facts.FileBytes - (facts.Layers * (double)facts.BytesPerLayer) - facts.OutputLayerBytes);
        var kv = facts.KvBytesPerToken * CacheFactor(config.CacheType);
        var gpuShare = facts.Layers == 0 ? 0 : gpuLayers / (double)facts.Layers;
        return new WeightPlacement(cpu, gpu, embedding, kv * (1 - gpuShare), kv * gpuShare, cpu > 0 && gpu > 0, gpu > 0);
    }

    /// <summary>
    /// Offloaded layers whose routed experts an n_cpu_moe / cpu_moe / override_tensor override keeps in host memory. An
    /// override_tensor pattern counts its layer whole (--fit may move only some of a layer's expert tensors), and one
    /// that names no layer counts every layer.
    /// </summary>
    public static int ExpertLayersOnCpu(TrialConfig config, int layers, int gpuLayers)
    {
        ArgumentNullException.ThrowIfNull(config);
        var overridden = config.OverrideTensor is null ? new HashSet<int>() : Inference.TensorOverrides.Layers(config.OverrideTensor);
        if (config.CpuMoe || overridden is null)
        {
            return gpuLayers;
        }

        var firstOffloaded = layers - gpuLayers;
        return Enumerable.Range(firstOffloaded, gpuLayers).Count(i => i < config.CpuMoeLayers || overridden.Contains(i));
    }

    /// <summary>
    /// Bytes per KV element relative to F16 (<see cref="ModelFacts.KvBytesPerToken"/> is for an F16 cache over all
    /// layers): quantized blocks are 32 values plus a 2-byte scale (and a 2-byte min for the _1 types).
    /// </summary>
    public static double CacheFactor(GgmlType type) => type switch
    {
        GgmlType.F32 => 2.0,
        GgmlType.Q8_0 => 34.0 / 64,
        GgmlType.Q4_0 => 18.0 / 64,
        GgmlType.Q4_1 => 20.0 / 64,
        GgmlType.IQ4_NL => 18.0 / 64,
        GgmlType.Q5_0 => 22.0 / 64,
        GgmlType.Q5_1 => 24.0 / 64,
        _ => 1.0,
    };

    /// <summary>CPU flash attention is supported, so auto resolves to on; only an explicit off differs.</summary>
    public static bool FlashOff(TrialConfig config) => config.FlashAttention == FlashAttention.Off;
}
