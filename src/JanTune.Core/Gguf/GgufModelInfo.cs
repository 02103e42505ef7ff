using System.Globalization;

namespace JanTune.Core.Gguf;

/// <summary>
/// The numbers a tuner needs from a model file to predict memory and speed: where the bytes are (per layer,
/// output, embeddings, per type), how dense the weights are, and what the KV cache costs per token.
/// </summary>
public sealed class GgufModelInfo
{
    private GgufModelInfo(GgufFile file)
    {
        Architecture = file.Architecture ?? "unknown";
        Layers = (int)(file.BlockCount ?? 0);
        HeadCountKv = file.HeadCountKv ?? 0;
        var heads = file.HeadCount ?? 0;
        HeadDim = heads > 0 && file.EmbeddingLength is { } embd ? embd / heads : 0;
        FileSize = file.FileLength;
        ParameterCount = file.Tensors.Sum(t => t.ElementCount);
        TensorBytes = file.Tensors.Sum(t => t.ByteSize);
        BytesByType = file.Tensors
            .GroupBy(t => t.Type)
            .OrderBy(g => g.Key)
            .Select(g => new TensorTypeUsage(g.Key, g.Sum(t => t.ByteSize), g.Count()))
            .ToList();

        var layerBytes = new long[Layers];
        foreach (var tensor in file.Tensors)
        {
            if (LayerIndex(tensor.Name) is { } layer && layer < Layers)
            {
                layerBytes[layer] += tensor.ByteSize;
            }
        }

        LayerBytes = layerBytes;
        OutputBytes = Bytes(file, "output.weight") + Bytes(file, "output_norm.weight");
        TokenEmbeddingBytes = Bytes(file, "token_embd.weight");
    }

    public string Architecture { get; }

    /// <summary>Repeating layers (block count).</summary>
    public int Layers { get; }

    public long HeadCountKv { get; }

    /// <summary>Per-head dimension, embedding length / head count.</summary>
    public long HeadDim { get; }

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
        var valuesPerLayer = HeadCountKv * HeadDim;
        return 2 * Layers * cacheType.ByteCount(valuesPerLayer);
    }

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
