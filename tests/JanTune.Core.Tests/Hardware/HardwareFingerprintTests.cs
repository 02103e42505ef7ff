using JanTune.Core.Hardware;
using static JanTune.Core.Tests.Hardware.HardwareFixtures;

namespace JanTune.Core.Tests.Hardware;

public class HardwareFingerprintTests
{
    [Fact]
    public void ProfileId_TwoDetectionsOfThisMachine_AreEqual()
    {
        var first = HardwareDetector.Detect([]);
        var second = HardwareDetector.Detect([]);

        Assert.Equal(HardwareFingerprint.ProfileId(first), HardwareFingerprint.ProfileId(second));
    }

    [Fact]
    public void ProfileId_FreeMemoryChanges_StaysTheSame()
    {
        var idle = Machine(backends: [Cpu(), Cuda(free: 139 * GiB)]);
        var loaded = Machine(backends: [Cpu(), Cuda(free: 3 * GiB)]) with { Memory = new MemoryInfo(idle.Memory.TotalBytes - 50_000_000, 1) };

        Assert.Equal(HardwareFingerprint.ProfileId(idle), HardwareFingerprint.ProfileId(loaded));
    }

    [Fact]
    public void ProfileId_CpuModelChanges_Changes()
    {
        Assert.NotEqual(
            HardwareFingerprint.ProfileId(Machine("AMD EPYC", backends: [Cpu()])),
            HardwareFingerprint.ProfileId(Machine("Intel Xeon", backends: [Cpu()])));
    }

    [Fact]
    public void ProfileId_GpuAdded_Changes()
    {
        Assert.NotEqual(
            HardwareFingerprint.ProfileId(Machine(backends: [Cpu()])),
            HardwareFingerprint.ProfileId(Machine(backends: [Cpu(), Cuda()])));
    }

    [Fact]
    public void ProfileId_BuildChanges_ChangesButMachineIdStays()
    {
        var before = Machine(backends: [Cpu("b6000")]);
        var after = Machine(backends: [Cpu("b6100")]);

        Assert.NotEqual(HardwareFingerprint.ProfileId(before), HardwareFingerprint.ProfileId(after));
        Assert.Equal(HardwareFingerprint.MachineId(before), HardwareFingerprint.MachineId(after));
    }

    [Fact]
    public void ProfileId_AnyMachine_IsFilesystemSafeWithReadableSlug()
    {
        var id = HardwareFingerprint.ProfileId(Machine(backends: [Cpu(), Cuda()]));

        Assert.Matches("^x64-2c-24g-cpu-cuda-[0-9a-f]{12}$", id);
    }

    [Theory]
    [InlineData(0.9, 1)]
    [InlineData(7.7, 8)]
    [InlineData(15.5, 16)]
    [InlineData(23.5, 24)]
    [InlineData(31.2, 32)]
    [InlineData(62.8, 64)]
    [InlineData(125.6, 128)]
    public void RamClassGiB_ReservedMemoryMissing_RoundsToInstalledSize(double gib, int expected)
    {
        Assert.Equal(expected, HardwareFingerprint.RamClassGiB((long)(gib * GiB)));
    }
}
