using System.Buffers.Binary;
using System.Text;

namespace JanTune.Core.Gguf;

/// <summary>
/// Little-endian reads that know how many bytes are left, so every length and count taken from the file can be
/// checked against what the file could actually hold before anything is allocated.
/// </summary>
internal sealed class GgufCursor
{
    // gguf.cpp refuses longer strings too; nothing legitimate comes close.
    private const long MaxStringLength = 1L << 30;

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly byte[] _scratch = new byte[8];

    public GgufCursor(Stream stream, string? source)
    {
        _stream = stream;
        _source = source;
        Length = stream.Length;
        Position = stream.Position;
    }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public GgufFormatException Error(string message) =>
        new(_source is null ? message : $"{_source}: {message}");

    /// <summary>Fails unless <paramref name="bytes"/> more bytes exist; <paramref name="what"/> names the read.</summary>
    public void Need(long bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            throw Error($"file ends at byte {Length} while reading {what} at byte {Position} ({bytes} bytes needed, {Remaining} left); the file is truncated or corrupt");
        }
    }

    public void ReadExactly(Span<byte> buffer, string what)
    {
        Need(buffer.Length, what);
        try
        {
            _stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw new GgufFormatException(Error($"stream ended early while reading {what}").Message, GgufFormatException.DefaultHint, ex);
        }

        Position += buffer.Length;
    }

    public byte ReadU8(string what)
    {
        ReadExactly(_scratch.AsSpan(0, 1), what);
        return _scratch[0];
    }

    public ushort ReadU16(string what)
    {
        ReadExactly(_scratch.AsSpan(0, 2), what);
        return BinaryPrimitives.ReadUInt16LittleEndian(_scratch);
    }

    public uint ReadU32(string what)
    {
        ReadExactly(_scratch.AsSpan(0, 4), what);
        return BinaryPrimitives.ReadUInt32LittleEndian(_scratch);
    }

    public ulong ReadU64(string what)
    {
        ReadExactly(_scratch.AsSpan(0, 8), what);
        return BinaryPrimitives.ReadUInt64LittleEndian(_scratch);
    }

    public string ReadString(string what)
    {
        var length = ReadU64($"the length of {what}");
        if (length > MaxStringLength || (long)length > Remaining)
        {
            throw Error($"{what} claims a length of {length} bytes but only {Remaining} bytes are left in the file");
        }

        if (length == 0)
        {
            return string.Empty;
        }

        var bytes = new byte[(int)length];
        ReadExactly(bytes, what);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads <paramref name="count"/> fixed-size elements' raw bytes after checking they exist.</summary>
    public byte[] ReadBlock(ulong count, int elementSize, string what)
    {
        if (count > (ulong)(Remaining / elementSize) || count > int.MaxValue / (ulong)elementSize)
        {
            throw Error($"{what} claims {count} elements of {elementSize} bytes but only {Remaining} bytes are left in the file");
        }

        var bytes = new byte[(int)count * elementSize];
        ReadExactly(bytes, what);
        return bytes;
    }

    public void Seek(long position, string what)
    {
        if (position > Length)
        {
            throw Error($"{what} would start at byte {position}, past the end of the file ({Length} bytes)");
        }

        _stream.Seek(position - Position, SeekOrigin.Current);
        Position = position;
    }
}
