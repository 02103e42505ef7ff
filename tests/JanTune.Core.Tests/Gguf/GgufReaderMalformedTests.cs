using JanTune.Core.Gguf;

namespace JanTune.Core.Tests.Gguf;

public class GgufReaderMalformedTests
{
    [Fact]
    public void Read_ValidRawFile_ReadsBothTensors()
    {
        var file = GgufAssert.Read(RawGguf.Valid());

        Assert.Equal(2, file.Tensors.Count);
        Assert.Equal(32u, file.Tensors[1].Offset);
        Assert.Equal(0, file.DataOffset % 32);
    }

    [Fact]
    public void Read_BadMagic_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 0, magic: "GGML").ToArray(), "bad magic");

    [Theory]
    [InlineData(0u, "unsupported GGUF version 0")]
    [InlineData(1u, "version 1 is no longer supported")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0x03000000u, "big-endian")]
    public void Read_UnsupportedVersion_Rejected(uint version, string message) =>
        GgufAssert.Rejects(new RawGguf().Header(0, 0, version).ToArray(), message);

    [Fact]
    public void Read_Version2_Accepted()
    {
        var file = GgufAssert.Read(new RawGguf().Header(0, 0, version: 2).ToArray());

        Assert.Equal(2u, file.Version);
    }

    [Fact]
    public void Read_FourByteFile_Rejected() =>
        GgufAssert.Rejects("GGUF"u8.ToArray(), "too short");

    [Fact]
    public void Read_TensorCountBeyondBytes_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(ulong.MaxValue, 0).ToArray(), "claims 18446744073709551615 tensors");

    [Fact]
    public void Read_KvCountBeyondBytes_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1_000_000).Zeros(100).ToArray(), "key-value pairs");

    [Fact]
    public void Read_StringLengthOverBytesLeft_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).U64(1UL << 40).Zeros(20).ToArray(), "claims a length of 1099511627776");

    [Fact]
    public void Read_ArrayOfArrays_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).Str("k").U32(9).U32(9).U64(1).Zeros(16).ToArray(), "array of arrays");

    [Fact]
    public void Read_UnknownValueType_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).Str("k").U32(13).Zeros(16).ToArray(), "unknown value type 13");

    [Fact]
    public void Read_ArrayCountOverBytesLeft_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).Str("k").U32(9).U32(4).U64(1UL << 62).Zeros(16).ToArray(), "claims 4611686018427387904 elements");

    [Fact]
    public void Read_EmptyKey_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).Str(string.Empty).U32(0).Zeros(16).ToArray(), "empty key");

    [Fact]
    public void Read_DuplicateKey_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 2).KvU32("a.b", 1).KvU32("a.b", 2).ToArray(), "duplicate metadata key 'a.b'");

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Read_AlignmentNotPowerOfTwo_Rejected(uint alignment) =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).KvU32("general.alignment", alignment).ToArray(), "must be a power of two");

    [Fact]
    public void Read_AlignmentNotUInt32_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(0, 1).Str("general.alignment").U32(10).U64(32).ToArray(), "must be UINT32");

    [Fact]
    public void Read_UnknownTensorType_Rejected() =>
        GgufAssert.Rejects(TensorFile([32], type: 31, offset: 0), "unknown ggml type 31");

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Read_DimensionCountOutOfRange_Rejected(int nDims) =>
        GgufAssert.Rejects(TensorFile(Enumerable.Repeat(1UL, nDims).ToArray(), type: 0, offset: 0), $"has {nDims} dimensions");

    [Fact]
    public void Read_NegativeDimension_Rejected() =>
        GgufAssert.Rejects(TensorFile([32, unchecked((ulong)-4L)], type: 0, offset: 0), "dimensions must be positive");

    [Fact]
    public void Read_ZeroDimension_Rejected() =>
        GgufAssert.Rejects(TensorFile([32, 0], type: 0, offset: 0), "dimensions must be positive");

    [Fact]
    public void Read_ElementCountOverflow_Rejected() =>
        GgufAssert.Rejects(TensorFile([1UL << 32, 1UL << 32], type: 0, offset: 0), "more elements than fit in 64 bits");

    [Fact]
    public void Read_RowNotMultipleOfBlock_Rejected() =>
        GgufAssert.Rejects(TensorFile([33], type: 2, offset: 0), "not a multiple of its block size 32");

    [Fact]
    public void Read_OffsetNotRunningPaddedOffset_Rejected() =>
        GgufAssert.Rejects(TensorFile([8], type: 0, offset: 64), "has data offset 64, expected 0");

    [Fact]
    public void Read_SecondTensorOverlapsFirst_Rejected()
    {
        var bytes = new RawGguf().Header(2, 0).Tensor("a", [8], 0, 0).Tensor("b", [8], 0, 16).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, "tensor 'b' has data offset 16, expected 32");
    }

    [Fact]
    public void Read_TensorDataPastEndOfFile_Rejected() =>
        GgufAssert.Rejects(TensorFile([1024], type: 0, offset: 0, dataBytes: 100), "runs past the end of the file");

    [Fact]
    public void Read_HugeTensorDataPastEndOfFile_Rejected() =>
        GgufAssert.Rejects(TensorFile([1UL << 31, 1UL << 31], type: 28, offset: 0), "runs past the end of the file");

    [Fact]
    public void Read_DuplicateTensorName_Rejected()
    {
        var bytes = new RawGguf().Header(2, 0).Tensor("a", [8], 0, 0).Tensor("a", [8], 0, 32).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, "duplicate tensor name 'a'");
    }

    [Fact]
    public void Read_TensorNameTooLong_Rejected() =>
        GgufAssert.Rejects(new RawGguf().Header(1, 0).Tensor(new string('x', 64), [8], 0, 0).PadTo(32).Zeros(32).ToArray(), "must have 1 to 63");

    [Fact]
    public void Read_TruncatedAnywhere_AlwaysGgufFormatException()
    {
        // Given every proper prefix of a valid file
        var valid = RawGguf.Valid();
        for (var length = 0; length < valid.Length; length++)
        {
            // When it is read, Then it is rejected as malformed (never another exception)
            using var stream = new MemoryStream(valid, 0, length);
            Assert.Throws<GgufFormatException>(() => GgufReader.Read(stream));
        }
    }

    [Fact]
    public void Read_FromPath_MessageNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jantune-bad-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, "GGUF"u8.ToArray());
        try
        {
            var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));

            Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] TensorFile(ulong[] dims, uint type, ulong offset, int dataBytes = 256) =>
        new RawGguf().Header(1, 0).Tensor("t", dims, type, offset).PadTo(32).Zeros(dataBytes).ToArray();
}
