using JanTune.Core.Models;

namespace JanTune.Core.Tests.Fixtures;

/// <summary>The tiny synthetic model, generated once per test run in memory.</summary>
internal static class TinyModel
{
    private static readonly Lazy<byte[]> Cached = new(() => Generate(SyntheticModelWriter.DefaultSeed));

    public static byte[] Bytes => Cached.Value;

    public static byte[] Generate(ulong seed)
    {
        using var stream = new MemoryStream();
        SyntheticModelWriter.Build(SyntheticPresets.Tiny, seed).Write(stream);
        return stream.ToArray();
    }
}
