namespace JanTune.Core.Gguf;

/// <summary>
/// Reads the header of a GGUF file (metadata and tensor infos) with the same checks llama.cpp's gguf.cpp makes,
/// plus a few it leaves to later stages, so a malformed file fails here with a message instead of crashing or
/// over-allocating further down. Tensor data is not read.
/// </summary>
public static partial class GgufReader
{
    private const uint Magic = 0x46554747; // "GGUF" read as a little-endian u32
    private const int MaxDimensions = 4;
    private const int MaxTensorNameLength = 63; // ggml's GGML_MAX_NAME (64) minus the terminator

    // Smallest possible encodings, used to bound counts before reading: a KV is a u64 key length, at least one
    // key byte, a u32 type and a one-byte value; a tensor info is a u64 name length, a u32 n_dims, one u64 ne,
    // a u32 type and a u64 offset.
    private const int MinKvBytes = 8 + 1 + 4 + 1;
    private const int MinTensorInfoBytes = 8 + 4 + 8 + 4 + 8;

    /// <summary>Reads the header of the GGUF file at <paramref name="path"/>; errors name the path.</summary>
    /// <exception cref="GgufFormatException">The file is not a well-formed GGUF file.</exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a GGUF header from a seekable stream positioned at the start of the file.
    /// <paramref name="sourceName"/>, when given, prefixes error messages.
    /// </summary>
    /// <exception cref="GgufFormatException">The stream is not a well-formed GGUF file.</exception>
    public static GgufFile Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("GGUF reading needs a seekable stream to bound counts by the bytes left.", nameof(stream));
        }

        var cursor = new GgufCursor(stream, sourceName);
        var start = cursor.Position;
        var version = ReadPreamble(cursor);
        var tensorCount = cursor.ReadU64("the tensor count");
        var kvCount = cursor.ReadU64("the metadata key-value count");
        CheckCount(cursor, kvCount, MinKvBytes, "metadata key-value pairs");
        CheckCount(cursor, tensorCount, MinTensorInfoBytes, "tensors");

        var metadata = ReadMetadata(cursor, (long)kvCount);
        var alignment = ReadAlignment(cursor, metadata);
        var tensors = ReadTensorInfos(cursor, (long)tensorCount);

        var dataOffset = cursor.Position;
        if (tensors.Count > 0)
        {
            dataOffset = start + Pad(cursor.Position - start, alignment);
            cursor.Seek(dataOffset, "the tensor data section");
        }

        CheckTensorLayout(cursor, tensors, dataOffset, alignment);
        return new GgufFile(version, metadata, tensors, dataOffset, alignment, cursor.Length);
    }

    internal static long Pad(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

    private static uint ReadPreamble(GgufCursor cursor)
    {
        if (cursor.Remaining < 4 + 4 + 8 + 8)
        {
            throw cursor.Error($"file is only {cursor.Remaining} bytes, too short for a GGUF header (24 bytes)");
        }

        var magic = cursor.ReadU32("the magic");
        if (magic != Magic)
        {
            throw cursor.Error($"bad magic 0x{magic:X8}: expected the bytes 'GGUF'");
        }

        var version = cursor.ReadU32("the version");
        return version switch
        {
            2 or 3 => version,
            1 => throw cursor.Error("GGUF version 1 is no longer supported; only versions 2 and 3 are"),
            > 0xFFFF => throw cursor.Error($"GGUF version {version} is implausibly large; the file may be big-endian, which is not supported"),
            _ => throw cursor.Error($"unsupported GGUF version {version}; only versions 2 and 3 are supported"),
        };
    }

    private static void CheckCount(GgufCursor cursor, ulong count, int minBytes, string what)
    {
        if (count > (ulong)(cursor.Remaining / minBytes))
        {
            throw cursor.Error($"header claims {count} {what} but only {cursor.Remaining} bytes follow, room for at most {cursor.Remaining / minBytes}");
        }
    }

    private static int ReadAlignment(GgufCursor cursor, IReadOnlyDictionary<string, GgufValue> metadata)
    {
        if (!metadata.TryGetValue(GgufFile.AlignmentKey, out var value))
        {
            return GgufFile.DefaultAlignment;
        }

        if (value.Type != GgufValueType.UInt32)
        {
            throw cursor.Error($"'{GgufFile.AlignmentKey}' must be UINT32 but is {value.Describe()}");
        }

        var alignment = (uint)value.Value;
        if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > 1u << 30)
        {
            throw cursor.Error($"'{GgufFile.AlignmentKey}' is {alignment}; it must be a power of two");
        }

        return (int)alignment;
    }
}
