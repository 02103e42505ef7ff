using System.Text;

namespace JanTune.Core.Tests.Gguf;

/// <summary>Writes GGUF bytes field by field, so a test can put any wrong value exactly where it wants.</summary>
internal sealed class RawGguf
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _writer;

    public RawGguf() => _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);

    public RawGguf Header(ulong tensors, ulong kvs, uint version = 3, string magic = "GGUF")
    {
        _writer.Write(Encoding.ASCII.GetBytes(magic));
        _writer.Write(version);
        _writer.Write(tensors);
        _writer.Write(kvs);
        return this;
    }

    public RawGguf Str(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        _writer.Write((ulong)bytes.Length);
        _writer.Write(bytes);
        return this;
    }

    public RawGguf U32(uint value)
    {
        _writer.Write(value);
        return this;
    }

    public RawGguf U64(ulong value)
    {
        _writer.Write(value);
        return this;
    }

    public RawGguf KvU32(string key, uint value) => Str(key).U32(4).U32(value);

    public RawGguf Tensor(string name, ulong[] dims, uint type, ulong offset)
    {
        Str(name).U32((uint)dims.Length);
        foreach (var d in dims)
        {
            U64(d);
        }

        return U32(type).U64(offset);
    }

    public RawGguf PadTo(int alignment)
    {
        while (_stream.Length % alignment != 0)
        {
            _writer.Write((byte)0);
        }

        return this;
    }

    public RawGguf Zeros(int count)
    {
        _writer.Write(new byte[count]);
        return this;
    }

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }

    /// <summary>A valid file: two KVs, two F32 tensors of 8 values (32 bytes each).</summary>
    public static byte[] Valid() => new RawGguf()
        .Header(2, 2)
        .KvU32("general.alignment", 32)
        .Str("general.architecture").U32(8).Str("llama")
        .Tensor("a", [8], 0, 0)
        .Tensor("b", [8], 0, 32)
        .PadTo(32)
        .Zeros(64)
        .ToArray();
}
