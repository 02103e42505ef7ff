using JanTune.Core.Hardware;

namespace JanTune.Core.Tests.Hardware;

public class GgmlCpuVariantTests
{
    [Fact]
    public void FromMaps_HaswellLibraryMapped_ReturnsHaswell()
    {
        string[] maps =
        [
            "7f1c2a000000-7f1c2a100000 r-xp 00000000 08:01 123 /work/.native/cpu/libggml-base.so",
            "7f1c2b000000-7f1c2b200000 r-xp 00000000 08:01 124 /work/.native/cpu/libggml-cpu-haswell.so",
        ];

        Assert.Equal("haswell", GgmlCpuVariant.FromMaps(maps));
    }

    [Fact]
    public void FromMaps_NoGgmlCpuLibrary_ReturnsNull()
    {
        Assert.Null(GgmlCpuVariant.FromMaps(["7f1c2a000000-7f1c2a100000 r-xp 00000000 08:01 123 /usr/lib/libc.so.6"]));
    }

    [Fact]
    public void FromProcessMaps_ThisProcess_AgreesWithTheMappedLibraries()
    {
        // Other tests in this process may have loaded llama.cpp already, so the expectation follows the real mappings.
        var mapped = File.ReadLines("/proc/self/maps").FirstOrDefault(l => l.Contains("libggml-cpu-", StringComparison.Ordinal));

        var variant = GgmlCpuVariant.FromProcessMaps();

        if (mapped is null)
        {
            Assert.Null(variant);
        }
        else
        {
            Assert.NotNull(variant);
            Assert.Contains($"libggml-cpu-{variant}.so", mapped, StringComparison.Ordinal);
        }
    }
}
