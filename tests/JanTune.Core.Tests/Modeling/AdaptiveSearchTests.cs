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
    public void Run_TooFewConfigurationsToCrossValidate_NeverConfirmsOnTheAssumedUncertainty()
    {
        // Given a grid of five configurations: fewer than k-fold cross-validation needs, so the model's
        // uncertainty is only ever the assumed 25%
        var sim = SimulatedMachine.Cpu();
        var grid = SimulatedMachine.CpuGrid().Where(c => c.Threads == 2 && c.WeightRepack && c.BatchSize == 2048).Take(5).ToList();

        // When the search runs with a budget for all of them
        var result = new AdaptiveSearch(sim.Facts, new AdaptiveSearchOptions { MaxTrialsFraction = 1 }).Run(grid, sim.Measure, TuningObjective.Generation);

        // Then it does not claim a confirmed optimum, and says why
        Assert.False(result.Confirmed);
        Assert.Empty(result.Evidence);
        Assert.Contains("no cross-validated model", result.Claim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Confirmed_ClaimNamesTheTrialsAndFoldsItRestsOn()
    {
        var sim = SimulatedMachine.Cuda(7);

        var result = new AdaptiveSearch(sim.Facts).Run(SimulatedMachine.CudaGrid(), sim.Measure, TuningObjective.Generation);

        Assert.True(result.Confirmed);
        var gen = Assert.Single(result.Evidence);
        Assert.Equal(result.Trials.Count(t => t.Test.Kind == TestKind.Generation), gen.Samples);
        Assert.Contains($"over {gen.Samples} trials (5-fold)", result.Claim(), StringComparison.Ordinal);
        output.WriteLine(result.Claim());
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
