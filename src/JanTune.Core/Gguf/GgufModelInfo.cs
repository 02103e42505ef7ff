using System.Globalization;
using System.Text.RegularExpressions;

namespace JanTune.Core.Gguf;

/// <summary>
/// The numbers a tuner needs from a model file to predict memory and speed: where the bytes are (per layer,
/// output, embeddings, per type), how dense the weights are, and what the KV cache costs per token.
/// </summary>
public sealed partial class GgufModelInfo
{
    private GgufModelInfo(GgufFile file)
    {
        Architecture = file.Architecture ?? "unknown";
        Layers = (int)(file.BlockCount ?? 0);
        HeadCountKv = file.HeadCountKv ?? 0;
        var heads = file.HeadCount ?? 0;
        HeadDim = file.KeyLength ?? (heads > 0 && file.EmbeddingLength is { } embd ? embd / heads : 0);
        ValueHeadDim = file.ValueLength ?? HeadDim;
        ExpertCount = (int)(file.ExpertCount ?? 0);
        ExpertsUsed = (int)(file.ExpertUsedCount ?? 0);
        FileSize = file.FileLength;
        ParameterCount = file.Tensors.Sum(t => t.ElementCount);
        TensorBytes = file.Tensors.Sum(t => t.ByteSize);
        BytesByType = file.Tensors
            .GroupBy(t => t.Type)
            .OrderBy(g => g.Key)
            .Select(g => new TensorTypeUsage(g.Key, g.Sum(t => t.ByteSize), g.Count()))
            .ToList();

        var layerBytes = new long[Layers];
        var expertBytes = new long[Layers];
        long expertParameters = 0;
        foreach (var tensor in file.Tensors)
        {
            var expert = IsExpertTensor(tensor.Name);
            if (expert)
            {
                expertParameters += tensor.ElementCount;
            }

            if (LayerIndex(tensor.Name) is { } layer && layer < Layers)
            {
                layerBytes[layer] += tensor.ByteSize;
                if (expert)
                {
                    expertBytes[layer] += tensor.ByteSize;
                }
            }
        }

        LayerBytes = layerBytes;
        ExpertLayerBytes = expertBytes;
        ExpertParameterCount = expertParameters;
        OutputBytes = Bytes(file, "output.weight") + Bytes(file, "output_norm.weight");
        TokenEmbeddingBytes = Bytes(file, "token_embd.weight");
    }

    public string Architecture { get; }

    /// <summary>Repeating layers (block count).</summary>
    public int Layers { get; }

    public long HeadCountKv { get; }

    /// <summary>Per-head dimension of K: attention.key_length (Qwen3: 128 whatever the width), else embedding length / head count.</summary>
    public long HeadDim { get; }

    /// <summary>Per-head dimension of V: attention.value_length, else <see cref="HeadDim"/>.</summary>
    public long ValueHeadDim { get; }

    /// <summary>Routed experts per layer (&lt;arch&gt;.expert_count); 0 for a dense model.</summary>
    public int ExpertCount { get; }

    /// <summary>Experts each token uses (&lt;arch&gt;.expert_used_count).</summary>
    public int ExpertsUsed { get; }

    /// <summary>True when the file has routed-expert tensors (what --cpu-moe / --n-cpu-moe move).</summary>
    public bool IsMoe => ExpertCount > 0 && ExpertParameterCount > 0;

    /// <summary>Weights in routed-expert tensors (blk.N.ffn_{gate,up,down,gate_up}_exps), all experts.</summary>
    public long ExpertParameterCount { get; }

    /// <summary>
    /// Weights one token touches: everything but the experts it is not routed to (the token embedding counts whole,
    /// as llama.cpp's own n_params does, though only one row is read).
    /// </summary>
    public long ActiveParameterCount => ExpertCount == 0
        ? ParameterCount
        : ParameterCount - ExpertParameterCount + (long)Math.Round((double)ExpertParameterCount * ExpertsUsed / ExpertCount);

    /// <summary>Bytes of each layer's routed-expert tensors, indexed by layer; zeros for a dense model.</summary>
    public IReadOnlyList<long> ExpertLayerBytes { get; }

    /// <summary>Bytes of each layer's other tensors (attention, norms, router, shared experts): what stays with the layer.</summary>
    public IReadOnlyList<long> DenseLayerBytes => LayerBytes.Zip(ExpertLayerBytes, (all, experts) => all - experts).ToList();

    /// <summary>Bytes of the file, header and padding included.</summary>
    public long FileSize { get; }

    /// <summary>Sum of all tensors' element counts.</summary>
    public long ParameterCount { get; }

    /// <summary>Sum of all tensors' data bytes, without padding.</summary>
    public long TensorBytes { get; }

    public IReadOnlyList<TensorTypeUsage> BytesByType { get; }

    /// <summary>Bytes of each repeating layer's tensors (blk.N.*), indexed by N.</summary>
    public IReadOnlyList<long> LayerBytes { get; }

    public double MeanLayerBytes => LayerBytes.Count == 0 ? 0 : LayerBytes.Average();

    /// <summary>output.weight plus output_norm.weight: what offloading "the last layer" moves.</summary>
    public long OutputBytes { get; }

    /// <summary>token_embd.weight; llama.cpp keeps it on the CPU (it is only looked up, not multiplied).</summary>
    public long TokenEmbeddingBytes { get; }

    /// <summary>Mean bits per weight over all tensors.</summary>
    public double BitsPerWeight => ParameterCount == 0 ? 0 : 8.0 * TensorBytes / ParameterCount;

    /// <summary>Builds the summary of a parsed file.</summary>
    public static GgufModelInfo From(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new GgufModelInfo(file);
    }

    /// <summary>
    /// KV cache bytes per token of context: K and V, for every layer, n_head_kv * head_dim values each, in
    /// <paramref name="cacheType"/> (F16 by default in llama.cpp; Q8_0 and Q4_0 are common alternatives).
    /// </summary>
    public long KvCacheBytesPerToken(GgmlType cacheType = GgmlType.F16)
    {
        return Layers * (cacheType.ByteCount(HeadCountKv * HeadDim) + cacheType.ByteCount(HeadCountKv * ValueHeadDim));
    }

    /// <summary>llama.cpp's LLM_FFN_EXPS_REGEX (common/common.h), the pattern --cpu-moe and --n-cpu-moe override.</summary>
    public static bool IsExpertTensor(string name) => ExpertTensorPattern().IsMatch(name);

    [GeneratedRegex(@"\.ffn_(up|down|gate|gate_up)_(ch|)exps", RegexOptions.CultureInvariant)]
    private static partial Regex ExpertTensorPattern();

    private static long Bytes(GgufFile file, string name) => file.FindTensor(name)?.ByteSize ?? 0;

    private static int? LayerIndex(string name)
    {
        // Repeating-layer tensors are named blk.<N>.<what>.
        if (!name.StartsWith("blk.", StringComparison.Ordinal))
        {
            return null;
        }

        var end = name.IndexOf('.', 4);
        return end > 4 && int.TryParse(name.AsSpan(4, end - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
