using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace JanTune.Core.Hardware;

/// <summary>
/// Detects, at run time, the instruction-set extensions that decide which ggml CPU kernels can run.
/// Names follow the kernel's /proc/cpuinfo flags so a report can be checked against the kernel.
/// </summary>
/// <remarks>
/// Where .NET exposes an <c>IsSupported</c> it is used, because it also checks that the OS saves the register state.
/// The rest come from CPUID bits (Intel SDM vol. 2A, CPUID leaf 1 and leaf 7), gated on the .NET check for the
/// register file they need: F16C needs AVX state, the AVX-512 sub-features need AVX-512 state. The runtime's
/// <c>DOTNET_EnableAVX*</c> switches can hide features from .NET, and then this list is shorter than the kernel's.
/// </remarks>
public static class IsaExtensions
{
    /// <summary>Extensions this process can use, in a fixed order.</summary>
    public static IReadOnlyList<string> Detect()
    {
        if (X86Base.IsSupported)
        {
            return DetectX86();
        }

        return AdvSimd.IsSupported ? DetectArm() : [];
    }

    private static List<string> DetectX86()
    {
        var maxLeaf = (uint)X86Base.CpuId(0, 0).Eax;
        var leaf1Ecx = (uint)X86Base.CpuId(1, 0).Ecx;
        var (l7Eax, _, l7Ecx, l7Edx) = maxLeaf >= 7 ? X86Base.CpuId(7, 0) : default;
        var leaf7Sub1Eax = maxLeaf >= 7 && (uint)l7Eax >= 1 ? (uint)X86Base.CpuId(7, 1).Eax : 0u;
        var avx512 = Avx512F.IsSupported;

        var found = new List<string>();
        Add(found, "sse4_2", Sse42.IsSupported);
        Add(found, "avx", Avx.IsSupported);
        Add(found, "avx2", Avx2.IsSupported);
        Add(found, "fma", Fma.IsSupported);
        Add(found, "bmi2", Bmi2.IsSupported);
        Add(found, "f16c", Avx.IsSupported && Bit(leaf1Ecx, 29));
        Add(found, "avx_vnni", AvxVnni.IsSupported);
        Add(found, "avx512f", avx512);
        Add(found, "avx512bw", Avx512BW.IsSupported);
        Add(found, "avx512vbmi", Avx512Vbmi.IsSupported);
        Add(found, "avx512_vnni", avx512 && Bit((uint)l7Ecx, 11));
        Add(found, "avx512_bf16", avx512 && Bit(leaf7Sub1Eax, 5));
        // AMX needs a per-process permission request (arch_prctl) that ggml makes itself; CPUID is what it checks.
        Add(found, "amx_bf16", Bit((uint)l7Edx, 22));
        Add(found, "amx_tile", Bit((uint)l7Edx, 24));
        Add(found, "amx_int8", Bit((uint)l7Edx, 25));
        return found;
    }

    private static List<string> DetectArm()
    {
        var found = new List<string>();
        Add(found, "asimd", AdvSimd.IsSupported);
        Add(found, "asimddp", Dp.IsSupported);
#pragma warning disable SYSLIB5003 // Sve is experimental in .NET 10; only IsSupported is read.
        Add(found, "sve", Sve.IsSupported);
#pragma warning restore SYSLIB5003
        return found;
    }

    private static bool Bit(uint register, int bit) => (register & (1u << bit)) != 0;

    private static void Add(List<string> list, string name, bool present)
    {
        if (present)
        {
            list.Add(name);
        }
    }
}
