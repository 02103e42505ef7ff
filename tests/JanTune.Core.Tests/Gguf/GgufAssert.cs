using JanTune.Core.Gguf;

namespace JanTune.Core.Tests.Gguf;

internal static class GgufAssert
{
    /// <summary>Reading the bytes fails with a GgufFormatException whose message contains <paramref name="expected"/>.</summary>
    public static GgufFormatException Rejects(byte[] bytes, string expected)
    {
        using var stream = new MemoryStream(bytes);
        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(stream));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(ex.Hint);
        return ex;
    }

    public static GgufFile Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return GgufReader.Read(stream);
    }
}
