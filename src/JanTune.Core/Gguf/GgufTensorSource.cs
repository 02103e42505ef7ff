namespace JanTune.Core.Gguf;

/// <summary>
/// A tensor to write: its header entry plus a delegate that writes exactly its bytes when the writer reaches it,
/// so tensor data is streamed to disk instead of held in memory.
/// </summary>
public sealed record GgufTensorSource(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, Action<Stream> WriteData)
{
    public long ElementCount => Dimensions.Aggregate(1L, (acc, d) => checked(acc * d));

    public long ByteSize => Type.ByteCount(ElementCount);
}
