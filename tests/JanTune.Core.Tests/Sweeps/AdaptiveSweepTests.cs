using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Running;

namespace JanTune.Core.Tests.Sweeps;

public sealed class AdaptiveSweepTests
{
    private const string Grid = """
        { "models": [{"preset": "tiny"}], "quantizations": ["q4_0"], "backends": ["cpu"], "threads": [1],
          "repack": [true, false], "n_ubatch": [16, 32, 64, 128, 256, 512], "flash_attn": ["on", "off"], "ctx": [512],
          "tests": ["tg16"], "repetitions": 2, "warmup": 1, "strategy": "adaptive" }
        """;

    [Fact]
    public async Task RunAsync_TinyGrid_MeasuresASubsetThroughWorkersAndStoresIt()
    {
        // Given a 24-configuration grid on the real tiny model
        using var ws = new SweepWorkspace();
        var plan = ws.Plan(Grid);
        var options = new SweepOptions { Paths = ws.Paths, ProfileId = "adaptive" };

        // When the adaptive strategy runs it
        var result = await new AdaptiveSweep(options).RunAsync(plan, TuningObjective.Generation);

        // Then one search ran, it measured fewer configurations than the grid, every measurement is stored,
        // and the best it reports is one it measured
        var search = Assert.Single(result.Searches);
        Assert.Equal(24, search.GridSize);
        Assert.InRange(search.ConfigsMeasured, 4, 23);
        using var store = ResultsStore.Open(ws.Paths);
        var rows = store.Load("adaptive");
        Assert.Equal(search.ConfigsMeasured, rows.Select(r => r.Config.Key).Distinct().Count());
        Assert.All(rows, r => Assert.NotNull(r.PredictedMemoryBytes));
        Assert.Contains(rows, r => r.Config.Key == search.Best.Key && r.Stats!.Mean == search.BestMeasured);
    }
}
