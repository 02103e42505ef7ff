namespace JanTune.Core.Sweeps;

/// <summary>
/// Summary of the repetitions of one trial, in tokens per second, as computed by Perfolizer (never hand-rolled):
/// mean, standard deviation, median, a 99.9% confidence interval of the mean, and Tukey outliers.
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
    int Outliers);
