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
}
