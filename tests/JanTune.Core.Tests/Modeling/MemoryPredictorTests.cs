using JanTune.Core.Modeling;

namespace JanTune.Core.Tests.Modeling;

public sealed class MemoryPredictorTests
{
    [Fact]
    public void Predict_FullOffload_PutsWeightsAndKvOnTheDevice()
    {
        var facts = SimulatedMachine.Llama7BQ40;
        var cpu = SimulatedMachine.CudaGrid().First(c => c.GpuLayers == 0);
        var all = cpu with { GpuLayers = 33 };

        var onCpu = MemoryPredictor.Predict(cpu, facts);
        var onGpu = MemoryPredictor.Predict(all, facts);

        Assert.Equal(0, onCpu.VramBytes);
        Assert.True(onGpu.VramBytes > 32 * facts.BytesPerLayer + (4096L * facts.KvBytesPerToken));
        Assert.True(onGpu.RamBytes < onCpu.RamBytes / 4);
    }

    [Fact]
    public void Fits_TooLittleRam_ReturnsFalseAndDryRunIsRecorded()
    {
        var facts = SimulatedMachine.SmallQ40;
        var config = SimulatedMachine.CpuGrid()[0];

        Assert.True(MemoryPredictor.Fits(config, facts, 8L << 30, 0, new MemoryHeadroom(0.1)));
        Assert.False(MemoryPredictor.Fits(config, facts, 256L << 20, 0, MemoryHeadroom.None));
        var check = MemoryPredictor.Check(config, facts, 8L << 30, 0, MemoryHeadroom.None, _ => 9L << 30);
        Assert.False(check.Fits);
        Assert.Equal(9L << 30, check.DryRunBytes);
    }
}
