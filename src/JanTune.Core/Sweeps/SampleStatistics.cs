using System.Globalization;
using System.Text.Json.Serialization;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Summary of the repetitions of one trial, in tokens per second, as computed by Perfolizer (never hand-rolled):
/// mean, standard deviation, median, a confidence interval of the mean (Student's t at <see cref="CiLevel"/>, never
/// below zero), and Tukey outliers. People are shown mean ± sd with n, as llama-bench prints it: with the 2 or 3
/// repetitions a sweep affords, a t interval is mostly the t quantile (12.7 at n = 2 for 95%) and says little.
/// </summary>
public sealed record SampleStatistics(
    int N,
    double Mean,
    double StdDev,
    double Median,
    double Min,
    double Max,
    double CiLower,
    double CiUpper,
    double CiLevel,
    int Outliers)
{
    /// <summary>Largest standard deviation, as a share of the mean, at which a trial is still ranked against others.</summary>
    public const double MaxRelativeSpread = 0.10;

    /// <summary>Standard deviation as a share of the mean (the coefficient of variation).</summary>
    [JsonIgnore]
    public double RelativeSpread => Mean > 0 ? StdDev / Mean : double.PositiveInfinity;

    /// <summary>
    /// False when the repetitions disagree by more than <see cref="MaxRelativeSpread"/>: the mean cannot be told from
    /// its neighbours', so the trial is flagged instead of ranked. One repetition has no spread to judge and counts.
    /// </summary>
    [JsonIgnore]
    public bool IsRankable => N < 2 || RelativeSpread <= MaxRelativeSpread;

    /// <summary>"812.4 ± 3.1 (n=3)", as llama-bench prints avg_ts ± stddev_ts, with the sample size.</summary>
    public string MeanSdText(string format = "0.0") =>
        $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StdDev.ToString(format, CultureInfo.InvariantCulture)} (n={N.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Why the trial is not ranked, or null when it is.</summary>
    public string? UnrankableReason() => IsRankable ? null
        : $"too noisy to rank: sd is {RelativeSpread.ToString("P0", CultureInfo.InvariantCulture)} of the mean over {N.ToString(CultureInfo.InvariantCulture)} repetitions (limit {MaxRelativeSpread.ToString("P0", CultureInfo.InvariantCulture)}); re-measure it";
}
