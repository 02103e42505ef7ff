namespace JanTune.Core.Gguf;

/// <summary>How many tensors of one ggml type a model holds and how many bytes they take.</summary>
public sealed record TensorTypeUsage(GgmlType Type, long Bytes, int Count);
