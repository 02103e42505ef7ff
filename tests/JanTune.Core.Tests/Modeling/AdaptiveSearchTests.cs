using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Modeling;

public sealed class AdaptiveSearchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_CpuGrid_FindsWithin5PercentOfBestUsingAtMost30Percent(int seed)
    {
        var sim = SimulatedMachine.Cpu(seed);
        AssertFindsNearBest(sim, SimulatedMachine.CpuGrid(), TuningObjective.Generation, c => sim.TrueGeneration(c));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Run_CudaGridWithOutputLayerStep_FindsWithin5PercentOfBestUsingAtMost30Percent(int seed)
    {
        var sim = SimulatedMachine.Cuda(seed);
        AssertFindsNearBest(sim, SimulatedMachine.CudaGrid(), TuningObjective.Generation, c => sim.TrueGeneration(c));
    }

    [Fact]
    public void Run_CpuGridPromptObjective_FindsWithin5PercentOfBest()
    {
        var sim = SimulatedMachine.Cpu(5);
        AssertFindsNearBest(sim, SimulatedMachine.CpuGrid(), TuningObjective.Prompt, c => sim.TruePrompt(c));
    }

    [Fact]
    public void Run_EnergyObjective_Refuses()
    {
        var sim = SimulatedMachine.Cpu();
        Assert.Throws<JanTuneException>(() => new AdaptiveSearch(sim.Facts).Run(SimulatedMachine.CpuGrid(), sim.Measure, TuningObjective.Energy));
    }

    private void AssertFindsNearBest(SimulatedMachine sim, List<TrialConfig> grid, TuningObjective objective, Func<TrialConfig, double> truth)
    {
        var result = new AdaptiveSearch(sim.Facts).Run(grid, sim.Measure, objective);

        var best = grid.Max(truth);
        var found = truth(result.Best);
        output.WriteLine($"{objective}: {result.ConfigsMeasured}/{result.GridSize} configs measured, confirmed={result.Confirmed}, found {found:F1} of best {best:F1} ({(1 - (found / best)):P2} short)");
        Assert.True(grid.Count >= 40);
        Assert.True(result.ConfigsMeasured <= 0.3 * grid.Count, $"{result.ConfigsMeasured} trials");
        Assert.True(found >= 0.95 * best, $"found {found:F1}, best {best:F1}");
    }
}
