using JanTune.Core.Modeling;

namespace JanTune.Core.Tests.Modeling;

public sealed class PerfModelStoreTests
{
    [Fact]
    public void Save_FittedModel_LoadsBackEqualPredictions()
    {
        var root = Path.Combine(Path.GetTempPath(), "jantune-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sim = SimulatedMachine.Cpu();
            var grid = SimulatedMachine.CpuGrid();
            var model = PerfModelFitter.Fit(sim.MeasureAll(grid.Take(3)), "p1");
            var store = new PerfModelStore(new JanTunePaths(root));

            var path = store.Save(model);
            var back = store.Load("p1")!;

            Assert.Equal(Path.Combine(root, "profiles", "p1", "perf-model.json"), path);
            Assert.Contains("\"cvMape\"", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Equal(
                model.Predict(PerfTarget.GenerationTokensPerSecond, grid[10], sim.Facts)!.Value,
                back.Predict(PerfTarget.GenerationTokensPerSecond, grid[10], sim.Facts)!.Value,
                9);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
