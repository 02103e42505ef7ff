namespace JanTune.Core.Hardware;

/// <summary>The host CPU as llama.cpp's thread and kernel choices care about it.</summary>
/// <param name="Architecture">Process architecture: <c>x64</c>, <c>arm64</c>, ...</param>
/// <param name="Vendor">Vendor id, for example <c>GenuineIntel</c>, <c>AuthenticAMD</c>, or an Arm implementer.</param>
/// <param name="Model">Model name as the kernel reports it.</param>
/// <param name="PhysicalCores">Distinct cores (hyper-threads of one core count once).</param>
/// <param name="LogicalCores">Hardware threads the kernel lists.</param>
/// <param name="Extensions">
/// Instruction-set extensions this process can use, named as in the kernel's /proc/cpuinfo flags
/// (<c>avx2</c>, <c>avx512_vnni</c>, <c>amx_tile</c>, <c>asimddp</c>, ...), so they compare directly.
/// </param>
public sealed record CpuInfo(
    string Architecture,
    string Vendor,
    string Model,
    int PhysicalCores,
    int LogicalCores,
    IReadOnlyList<string> Extensions);
