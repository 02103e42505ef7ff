using JanTune.Core.Gguf;

namespace JanTune.Core.Tests.Gguf;

public class GgufWriterTests
{
    [Fact]
    public void Write_EveryValueTypeAndTensors_RoundTripsExactly()
    {
        // Given a writer with every value type and two tensors of different types
        var values = new Dictionary<string, GgufValue>
        {
            ["u8"] = GgufValue.Of((byte)200), ["i8"] = GgufValue.Of((sbyte)-5), ["u16"] = GgufValue.Of((ushort)60000),
            ["i16"] = GgufValue.Of((short)-300), ["u32"] = GgufValue.Of(4_000_000_000u), ["i32"] = GgufValue.Of(-7),
            ["f32"] = GgufValue.Of(1.5f), ["bool"] = GgufValue.Of(true), ["str"] = GgufValue.Of("héllo ▁"),
            ["u64"] = GgufValue.Of(ulong.MaxValue), ["i64"] = GgufValue.Of(long.MinValue), ["f64"] = GgufValue.Of(Math.PI),
            ["a.u8"] = GgufValue.Of(new byte[] { 1, 2 }), ["a.i8"] = GgufValue.Of(new sbyte[] { -1 }),
            ["a.u16"] = GgufValue.Of(new ushort[] { 3 }), ["a.i16"] = GgufValue.Of(new short[] { -3 }),
            ["a.u32"] = GgufValue.Of(new uint[] { 4, 5 }), ["a.i32"] = GgufValue.Of(new[] { -4 }),
            ["a.f32"] = GgufValue.Of(new[] { 0.25f }), ["a.bool"] = GgufValue.Of(new[] { true, false }),
            ["a.str"] = GgufValue.Of(new[] { "x", string.Empty, "<0x0A>" }), ["a.u64"] = GgufValue.Of(new ulong[] { 9 }),
            ["a.i64"] = GgufValue.Of(new long[] { -9 }), ["a.f64"] = GgufValue.Of(new[] { 2.5 }),
        };
        var writer = new GgufWriter();
        foreach (var (key, value) in values)
        {
            writer.Add(key, value);
        }

        var f32 = Enumerable.Range(0, 8).Select(i => (byte)i).ToArray();
        var q4 = Enumerable.Range(0, 36).Select(i => (byte)(100 + i)).ToArray();
        writer.AddTensor(new GgufTensorSource("w.f32", [2], GgmlType.F32, s => s.Write(f32)));
        writer.AddTensor(new GgufTensorSource("w.q4", [32, 2], GgmlType.Q4_0, s => s.Write(q4)));

        // When written and read back
        using var stream = new MemoryStream();
        writer.Write(stream);
        var bytes = stream.ToArray();
        var file = GgufAssert.Read(bytes);

        // Then keys, order, types, values, shapes and data all survive
        Assert.Equal(values.Keys, file.Metadata.Keys);
        foreach (var (key, expected) in values)
        {
            var actual = file.Metadata[key];
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.ElementType, actual.ElementType);
            Assert.Equal(expected.Value, actual.Value);
        }

        Assert.Equal(3u, file.Version);
        Assert.Equal(bytes.Length, writer.TotalBytes);
        Assert.Equal([32L, 2L], file.Tensors[1].Dimensions);
        Assert.Equal(36, file.Tensors[1].ByteSize);
        Assert.Equal(f32, bytes.AsSpan((int)file.DataOffset, 8).ToArray());
        Assert.Equal(q4, bytes.AsSpan((int)file.DataOffset + (int)file.Tensors[1].Offset, 36).ToArray());
    }

    [Fact]
    public void Write_DelegateWritesWrongByteCount_Throws()
    {
        var writer = new GgufWriter().AddTensor(new GgufTensorSource("t", [4], GgmlType.F32, s => s.Write(new byte[15])));

        var ex = Assert.Throws<InvalidOperationException>(() => writer.Write(new MemoryStream()));

        Assert.Contains("wrote 15 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_DuplicateKey_Throws()
    {
        var writer = new GgufWriter().Add("k", GgufValue.Of(1u));

        Assert.Throws<ArgumentException>(() => writer.Add("k", GgufValue.Of(2u)));
    }

    [Fact]
    public void Add_AlignmentNotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().Add(GgufFile.AlignmentKey, GgufValue.Of(48u)));

    [Fact]
    public void AddTensor_RowNotMultipleOfBlock_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor(new GgufTensorSource("t", [33], GgmlType.Q8_0, _ => { })));

    [Theory]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.Q6_K, 256, 210)]
    [InlineData(GgmlType.F16, 1, 2)]
    [InlineData(GgmlType.MXFP4, 32, 17)]
    public void GgmlTypeTraits_KnownTypes_MatchGgml(GgmlType type, int block, int bytes)
    {
        Assert.Equal(block, type.BlockSize());
        Assert.Equal(bytes, type.BytesPerBlock());
    }

    [Fact]
    public void BitsPerWeight_Q4_0_Is4Point5() => Assert.Equal(4.5, GgmlType.Q4_0.BitsPerWeight());
}
