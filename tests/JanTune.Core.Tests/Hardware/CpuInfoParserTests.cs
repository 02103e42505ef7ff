using JanTune.Core.Hardware;

namespace JanTune.Core.Tests.Hardware;

public class CpuInfoParserTests
{
    [Fact]
    public void Parse_TwoSocketsWithHyperThreads_CountsDistinctCores()
    {
        // Given 2 sockets x 2 cores x 2 threads, with core ids that repeat across sockets.
        var text = string.Join(
            "\n\n",
            from socket in new[] { 0, 1 }
            from core in new[] { 0, 1 }
            from thread in new[] { 0, 1 }
            select $"processor\t: {(socket * 4) + (core * 2) + thread}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel Xeon\nphysical id\t: {socket}\ncore id\t\t: {core}\nflags\t\t: sse4_2 avx2");

        var (vendor, model, physical, logical, flags) = CpuInfoParser.Parse(text);

        Assert.Equal(("GenuineIntel", "Intel Xeon", 4, 8), (vendor, model, physical, logical));
        Assert.Contains("avx2", flags);
    }

    [Fact]
    public void Parse_ArmWithoutCoreIds_LeavesPhysicalForSysfs()
    {
        var text = "processor\t: 0\nFeatures\t: fp asimd asimddp\nCPU implementer\t: 0x41\n\nprocessor\t: 1\nFeatures\t: fp asimd asimddp\n";

        var (vendor, _, physical, logical, flags) = CpuInfoParser.Parse(text);

        Assert.Equal(("0x41", 0, 2), (vendor, physical, logical));
        Assert.Contains("asimddp", flags);
    }

    [Fact]
    public void DetectCpu_ThisMachine_HasSaneCounts()
    {
        var cpu = HardwareDetector.DetectCpu();

        Assert.InRange(cpu.PhysicalCores, 1, cpu.LogicalCores);
        Assert.NotEqual("unknown", cpu.Model);
    }
}
