using JanTune.Core.Gguf;

namespace JanTune.Core.Sweeps;

/// <summary>What the performance model needs to know about the model file of a trial.</summary>
public sealed record ModelFacts(
    string FileName,
    long FileBytes,
    int Layers,
    long ParameterCount,
    double BitsPerWeight,
    long BytesPerLayer,
    long OutputLayerBytes,
    long KvBytesPerToken)
{
    /// <summary>Mean bytes of a layer's routed-expert tensors (part of <see cref="BytesPerLayer"/>); 0 for a dense model.</summary>
    public long ExpertBytesPerLayer { get; init; }

    /// <summary>Share of a layer's expert bytes one token reads (experts used / expert count); 1 for a dense model.</summary>
    public double ActiveExpertShare { get; init; } = 1;

    /// <summary>The facts of a GGUF file, read from its header (what a sweep records, and what an import reads back).</summary>
    public static ModelFacts Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = GgufModelInfo.From(GgufReader.Read(path));
        return new ModelFacts(Path.GetFileName(path), info.FileSize, info.Layers, info.ParameterCount, info.BitsPerWeight, (long)info.MeanLayerBytes, info.OutputBytes, info.KvCacheBytesPerToken())
        {
            ExpertBytesPerLayer = info.ExpertLayerBytes.Count == 0 ? 0 : (long)info.ExpertLayerBytes.Average(),
            ActiveExpertShare = info.IsMoe ? (double)info.ExpertsUsed / info.ExpertCount : 1,
        };
    }
}
