using System.Runtime.InteropServices;

namespace JanTune.Core.Gguf;

/// <summary>Metadata key-value pairs.</summary>
public static partial class GgufReader
{
    private static OrderedDictionary<string, GgufValue> ReadMetadata(GgufCursor cursor, long count)
    {
        // Capacity is deliberately not taken from the count: a lying header must not size an allocation.
        var metadata = new OrderedDictionary<string, GgufValue>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var key = cursor.ReadString($"the key of metadata pair {i}");
            if (key.Length == 0)
            {
                throw cursor.Error($"metadata pair {i} has an empty key");
            }

            if (metadata.ContainsKey(key))
            {
                throw cursor.Error($"duplicate metadata key '{key}'");
            }

            metadata.Add(key, ReadValue(cursor, key));
        }

        return metadata;
    }

    private static GgufValue ReadValue(GgufCursor cursor, string key)
    {
        var type = ReadValueType(cursor, key);
        if (type != GgufValueType.Array)
        {
            return GgufValue.FromScalar(type, ReadScalar(cursor, type, key));
        }

        var elementType = ReadValueType(cursor, key);
        if (elementType == GgufValueType.Array)
        {
            // gguf.cpp has no nested arrays either; accepting them would only invite unbounded recursion.
            throw cursor.Error($"metadata key '{key}' is an array of arrays, which GGUF does not allow");
        }

        var count = cursor.ReadU64($"the element count of '{key}'");
        return GgufValue.FromArray(elementType, ReadArray(cursor, elementType, count, key));
    }

    private static GgufValueType ReadValueType(GgufCursor cursor, string key)
    {
        var raw = cursor.ReadU32($"the value type of '{key}'");
        if (raw > (uint)GgufValueType.Float64)
        {
            throw cursor.Error($"metadata key '{key}' has unknown value type {raw}");
        }

        return (GgufValueType)raw;
    }

    private static object ReadScalar(GgufCursor cursor, GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 => cursor.ReadU8(key),
        GgufValueType.Int8 => (sbyte)cursor.ReadU8(key),
        GgufValueType.UInt16 => cursor.ReadU16(key),
        GgufValueType.Int16 => (short)cursor.ReadU16(key),
        GgufValueType.UInt32 => cursor.ReadU32(key),
        GgufValueType.Int32 => (int)cursor.ReadU32(key),
        GgufValueType.Float32 => BitConverter.UInt32BitsToSingle(cursor.ReadU32(key)),
        GgufValueType.Bool => cursor.ReadU8(key) != 0,
        GgufValueType.String => cursor.ReadString($"the value of '{key}'"),
        GgufValueType.UInt64 => cursor.ReadU64(key),
        GgufValueType.Int64 => (long)cursor.ReadU64(key),
        GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(cursor.ReadU64(key)),
        _ => throw cursor.Error($"metadata key '{key}' has unknown value type {(int)type}"),
    };

    private static Array ReadArray(GgufCursor cursor, GgufValueType type, ulong count, string key)
    {
        var what = $"the array '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => cursor.ReadBlock(count, 1, what),
            GgufValueType.Int8 => Cast<sbyte>(cursor.ReadBlock(count, 1, what)),
            GgufValueType.UInt16 => Cast<ushort>(cursor.ReadBlock(count, 2, what)),
            GgufValueType.Int16 => Cast<short>(cursor.ReadBlock(count, 2, what)),
            GgufValueType.UInt32 => Cast<uint>(cursor.ReadBlock(count, 4, what)),
            GgufValueType.Int32 => Cast<int>(cursor.ReadBlock(count, 4, what)),
            GgufValueType.Float32 => Cast<float>(cursor.ReadBlock(count, 4, what)),
            GgufValueType.Bool => cursor.ReadBlock(count, 1, what).Select(b => b != 0).ToArray(),
            GgufValueType.String => ReadStrings(cursor, count, what),
            GgufValueType.UInt64 => Cast<ulong>(cursor.ReadBlock(count, 8, what)),
            GgufValueType.Int64 => Cast<long>(cursor.ReadBlock(count, 8, what)),
            GgufValueType.Float64 => Cast<double>(cursor.ReadBlock(count, 8, what)),
            _ => throw cursor.Error($"metadata key '{key}' has unknown array element type {(int)type}"),
        };
    }

    private static string[] ReadStrings(GgufCursor cursor, ulong count, string what)
    {
        // Each string costs at least its 8-byte length, which bounds the count by the bytes left.
        if (count > (ulong)(cursor.Remaining / 8) || count > int.MaxValue)
        {
            throw cursor.Error($"{what} claims {count} strings but only {cursor.Remaining} bytes are left in the file");
        }

        var strings = new string[(int)count];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = cursor.ReadString($"element {i} of {what}");
        }

        return strings;
    }

    private static T[] Cast<T>(byte[] bytes)
        where T : unmanaged
    {
        // GGUF is little-endian; so is every platform .NET 10 runs this on.
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
