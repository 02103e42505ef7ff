using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.OutlierDetection;
using Perfolizer.Mathematics.QuantileEstimators;

namespace JanTune.Core.Sweeps;

/// <summary>Builds <see cref="SampleStatistics"/> with Perfolizer, the statistics engine behind BenchmarkDotNet.</summary>
public static class SampleStatisticsCalculator
{
    /// <summary>
    /// The confidence level of <see cref="SampleStatistics.CiLower"/>/<see cref="SampleStatistics.CiUpper"/>. Not
    /// BenchmarkDotNet's 99.9%: that is meant for dozens of iterations, and at n = 2 its t quantile of 636.6 gave
    /// intervals like "-15206 to 16910 t/s".
    /// </summary>
    public const double Level = 0.95;

    /// <summary>Statistics of tokens-per-second samples; one sample has zero spread and a point interval.</summary>
    public static SampleStatistics From(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var moments = Moments.Create(samples);
        var median = SimpleQuantileEstimator.Instance.Quantile(samples, 0.5);
        if (samples.Count == 1)
        {
            return new SampleStatistics(1, moments.Mean, 0, median, samples[0], samples[0], moments.Mean, moments.Mean, Level, 0);
        }

        var stdDev = moments.StandardDeviation;
        var ci = new ConfidenceIntervalEstimator(samples.Count, moments.Mean, stdDev / Math.Sqrt(samples.Count))
            .ConfidenceInterval(new ConfidenceLevel(Level));
        var outliers = samples.Count >= 4 ? TukeyOutlierDetector.Create(samples).AllOutliers(samples).Count() : 0;
        // A rate is never negative; a lower bound below zero only says the interval is too wide to mean anything.
        return new SampleStatistics(samples.Count, moments.Mean, stdDev, median, samples.Min(), samples.Max(), Math.Max(0, ci.Lower), ci.Upper, Level, outliers);
    }
}
