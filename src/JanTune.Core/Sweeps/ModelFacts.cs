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
    long KvBytesPerToken);
