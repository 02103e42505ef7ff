namespace JanTune.Core.Gguf;

/// <summary>
/// One tensor's entry in the GGUF header. <see cref="Dimensions"/> is ggml's ne[]: ne[0] is the contiguous
/// (input) dimension. <see cref="Offset"/> is relative to the start of the data section.
/// </summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (acc, d) => checked(acc * d));

    /// <summary>Exact bytes of the tensor's data, from the type's block layout.</summary>
    public long ByteSize => Type.ByteCount(ElementCount);
}
