namespace JanTune.Core.Gguf;

/// <summary>Tensor infos and the layout of the data section.</summary>
public static partial class GgufReader
{
    private static List<GgufTensorInfo> ReadTensorInfos(GgufCursor cursor, long count)
    {
        var tensors = new List<GgufTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var tensor = ReadTensorInfo(cursor, i);
            if (!names.Add(tensor.Name))
            {
                throw cursor.Error($"duplicate tensor name '{tensor.Name}'");
            }

            tensors.Add(tensor);
        }

        return tensors;
    }

    private static GgufTensorInfo ReadTensorInfo(GgufCursor cursor, long index)
    {
        var name = cursor.ReadString($"the name of tensor {index}");
        if (name.Length == 0 || name.Length > MaxTensorNameLength)
        {
            throw cursor.Error($"tensor {index} name '{name}' has {name.Length} characters; it must have 1 to {MaxTensorNameLength}");
        }

        var nDims = cursor.ReadU32($"the dimension count of tensor '{name}'");
        if (nDims is 0 or > MaxDimensions)
        {
            throw cursor.Error($"tensor '{name}' has {nDims} dimensions; it must have 1 to {MaxDimensions}");
        }

        var dims = new long[nDims];
        long elements = 1;
        for (var d = 0; d < dims.Length; d++)
        {
            var ne = cursor.ReadU64($"dimension {d} of tensor '{name}'");
            if (ne == 0 || ne > long.MaxValue)
            {
                throw cursor.Error($"tensor '{name}' dimension {d} is {(long)ne}; dimensions must be positive");
            }

            dims[d] = (long)ne;
            if (elements > long.MaxValue / dims[d])
            {
                throw cursor.Error($"tensor '{name}' shape [{string.Join(", ", dims.Take(d + 1))}] has more elements than fit in 64 bits");
            }

            elements *= dims[d];
        }

        var rawType = cursor.ReadU32($"the type of tensor '{name}'");
        var type = (GgmlType)rawType;
        if (rawType > int.MaxValue || !GgmlTypeTraits.TryTraits(type, out var traits))
        {
            throw cursor.Error($"tensor '{name}' has unknown ggml type {rawType}");
        }

        if (dims[0] % traits.BlockSize != 0)
        {
            throw cursor.Error($"tensor '{name}' of type {type} has rows of {dims[0]} elements, not a multiple of its block size {traits.BlockSize}");
        }

        var offset = cursor.ReadU64($"the data offset of tensor '{name}'");
        return new GgufTensorInfo(name, dims, type, offset);
    }

    private static void CheckTensorLayout(GgufCursor cursor, List<GgufTensorInfo> tensors, long dataOffset, int alignment)
    {
        // Like gguf.cpp: each tensor starts exactly where the previous one ended, padded to the alignment.
        // That rules out overlaps and gaps without sorting anything.
        long expected = 0;
        foreach (var tensor in tensors)
        {
            if (tensor.Offset != (ulong)expected)
            {
                throw cursor.Error($"tensor '{tensor.Name}' has data offset {tensor.Offset}, expected {expected} (the previous tensor's end padded to {alignment})");
            }

            // Byte counts below are bounded by the file length, which keeps all the sums below far from overflow.
            var blocks = tensor.ElementCount / tensor.Type.BlockSize();
            var available = cursor.Length - dataOffset - expected;
            if (blocks > available / tensor.Type.BytesPerBlock())
            {
                throw cursor.Error($"tensor '{tensor.Name}' data ({DescribeSize(tensor)}) runs past the end of the file: it needs bytes {dataOffset + expected} to {dataOffset + expected + SafeSize(tensor)}, the file has {cursor.Length}");
            }

            expected = Pad(expected + tensor.ByteSize, alignment);
        }
    }

    private static string DescribeSize(GgufTensorInfo tensor) =>
        SafeSize(tensor) is var size and >= 0 ? $"{size} bytes" : "more bytes than fit in 64 bits";

    private static long SafeSize(GgufTensorInfo tensor)
    {
        try
        {
            return tensor.ByteSize;
        }
        catch (OverflowException)
        {
            return -1;
        }
    }
}
