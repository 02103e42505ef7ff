using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Sweeps;

public sealed class SampleStatisticsCalculatorTests
{
    [Fact]
    public void From_TwoRepetitionsFarApart_IntervalNeverBelowZeroAndTrialNotRankable()
    {
        // Given the H100 report's case: two repetitions of a 28 t/s test 16 t/s apart
        var stats = SampleStatisticsCalculator.From([20, 36]);

        // Then no bound is negative, the text is mean ± sd with n, and the spread is flagged instead of ranked
        Assert.True(stats.CiLower >= 0);
        Assert.Equal(0.95, stats.CiLevel);
        Assert.Equal("28.0 ± 11.3 (n=2)", stats.MeanSdText());
        Assert.False(stats.IsRankable);
        Assert.Contains("too noisy to rank", stats.UnrankableReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_TightRepetitions_IsRankable()
    {
        var stats = SampleStatisticsCalculator.From([800, 805, 810]);

        Assert.True(stats.IsRankable);
        Assert.Null(stats.UnrankableReason());
        Assert.Equal(5, stats.StdDev, 9);
    }
}
