using JanTune.Core.Hardware;

namespace JanTune.Core.Tests.Hardware;

/// <summary>Hand-built hardware descriptions, so fingerprint tests do not depend on the machine running them.</summary>
internal static class HardwareFixtures
{
    public const long GiB = 1L << 30;

    public static HardwareInfo Machine(string model = "AMD EPYC", long ram = 24 * GiB - 300_000_000, params BackendSnapshot[] backends) =>
        new(
            new CpuInfo("x64", "AuthenticAMD", model, 2, 2, ["sse4_2", "avx", "avx2"]),
            new MemoryInfo(ram, ram / 2),
            new OsInfo("Ubuntu 24.04 LTS", "6.8.0"),
            null,
            backends);

    public static BackendSnapshot Cpu(string build = "b6000") =>
        new("cpu", build, "zen4", [new DeviceInfo("CPU", "CPU", "AMD EPYC", DeviceType.Cpu, 10 * GiB, 24 * GiB)]);

    public static BackendSnapshot Cuda(string build = "b6000", long free = 100 * GiB) =>
        new("cuda", build, null, [new DeviceInfo("CUDA", "CUDA0", "NVIDIA H200", DeviceType.Gpu, free, 140 * GiB + 123_456_789)]);
}
