using System.Runtime.Intrinsics.X86;
using JanTune.Core.Hardware;

namespace JanTune.Core.Tests.Hardware;

public class IsaExtensionsTests
{
    // Every name IsaExtensions can report on x86, spelled as the kernel spells its flags.
    private static readonly string[] X86Names =
    [
        "sse4_2", "avx", "avx2", "fma", "bmi2", "f16c", "avx_vnni", "avx512f", "avx512bw", "avx512vbmi",
        "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_tile", "amx_int8",
    ];

    [Fact]
    public void Detect_ThisMachine_AgreesWithKernelFlags()
    {
        var kernelFlags = CpuInfoParser.Parse(File.ReadAllText("/proc/cpuinfo")).Flags;
        var detected = IsaExtensions.Detect();

        Assert.All(detected, name => Assert.Contains(name, kernelFlags));
        if (X86Base.IsSupported)
        {
            // Both directions: a flag the kernel reports must be detected too, or ggml variant choice is misread.
            var expected = X86Names.Where(kernelFlags.Contains).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), detected.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Detect_AnyMachine_ReturnsKernelStyleNamesOnce()
    {
        var detected = IsaExtensions.Detect();

        Assert.Equal(detected.Count, detected.Distinct(StringComparer.Ordinal).Count());
        Assert.All(detected, name => Assert.Matches("^[a-z0-9_]+$", name));
    }
}
