using JanTune.Core.Sweeps;
using JanTune.Core.Telemetry;

namespace JanTune.Core.Tests.Sweeps;

public sealed class TrialEnergyTests
{
    private const int Layers = 22;

    private static readonly TimeSpan Timed = TimeSpan.FromSeconds(4);

    private static TrialConfig Config(string backend, int ngl) => new() { Backend = backend, ModelPath = "m.gguf", Quant = "q4_0", GpuLayers = ngl };

    private static EnergyReading Energy(double? gpu, double? cpu) => new(
        gpu is { } g ? Reading.Of(g) : Reading.Unavailable<double>("NVML: libnvidia-ml.so.1 not found (no NVIDIA driver)"),
        cpu is { } c ? Reading.Of(c) : Reading.Unavailable<double>("RAPL: /sys/class/powercap/intel-rapl:0/energy_uj not present"),
        Timed,
        3);

    [Fact]
    public void Attribute_CpuTrialWithIdleGpuReadable_NeverChargesTheGpu()
    {
        // Given a CPU-backend trial on a machine whose idle GPU's NVML counter moved 300 J, and no RAPL
        var energy = TrialEnergy.Attribute(Config("cpu", 0), Layers, Energy(gpu: 300, cpu: null), 384);

        // Then there is no J/token (the GPU did not do the work), and the reason says what is missing
        Assert.Null(energy.JoulesPerToken);
        Assert.Null(energy.GpuJoulesPerToken);
        Assert.Null(energy.PowerWatts);
        Assert.Contains("RAPL", energy.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_CpuTrialWithRapl_ChargesTheCpuPackageOnly()
    {
        var energy = TrialEnergy.Attribute(Config("cpu", 0), Layers, Energy(gpu: 300, cpu: 40), 400);

        Assert.Equal(0.1, energy.JoulesPerToken!.Value, 9);
        Assert.Equal("CPU (RAPL)", energy.Scope);
        Assert.Equal(10, energy.PowerWatts!.Value, 9);
    }

    [Fact]
    public void Attribute_PartialOffloadBothReadable_CountsGpuAndCpu()
    {
        var energy = TrialEnergy.Attribute(Config("cuda", 11), Layers, Energy(gpu: 300, cpu: 100), 400);

        Assert.Equal(1.0, energy.JoulesPerToken!.Value, 9);
        Assert.Equal(0.75, energy.GpuJoulesPerToken!.Value, 9);
        Assert.Equal(0.25, energy.CpuJoulesPerToken!.Value, 9);
        Assert.Equal("GPU (NVML) + CPU (RAPL)", energy.Scope);
    }

    [Fact]
    public void Attribute_PartialOffloadWithoutRapl_NoTotalAndSaysTheCpuPartIsMissing()
    {
        var energy = TrialEnergy.Attribute(Config("cuda", 11), Layers, Energy(gpu: 300, cpu: null), 400);

        Assert.Null(energy.JoulesPerToken);
        Assert.Equal(0.75, energy.GpuJoulesPerToken!.Value, 9);
        Assert.StartsWith("CPU part missing (NGL 11", energy.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_FullOffloadWithoutRapl_ChargesTheGpuAndNotesTheHost()
    {
        var energy = TrialEnergy.Attribute(Config("cuda", Layers + 1), Layers, Energy(gpu: 200, cpu: null), 400);

        Assert.Equal(0.5, energy.JoulesPerToken!.Value, 9);
        Assert.Equal("GPU (NVML)", energy.Scope);
        Assert.StartsWith("CPU host thread not counted", energy.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_GpuTrialWithoutNvml_SaysTheGpuPartIsMissing()
    {
        var energy = TrialEnergy.Attribute(Config("vulkan", Layers + 1), Layers, Energy(gpu: null, cpu: 50), 400);

        Assert.Null(energy.JoulesPerToken);
        Assert.StartsWith("GPU part missing: NVML", energy.UnavailableReason, StringComparison.Ordinal);
    }
}
