using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>One measured test of the recommended configuration: tokens/s as llama-bench reports it.</summary>
/// <param name="Test">The test, e.g. tg128 or pp512.</param>
/// <param name="Mean">Mean tokens/s over the repetitions.</param>
/// <param name="StdDev">Standard deviation of the repetitions.</param>
/// <param name="N">Repetitions.</param>
/// <param name="CiLower">Lower end of the confidence interval of the mean.</param>
/// <param name="CiUpper">Upper end.</param>
/// <param name="PeakRssBytes">Peak resident memory of the worker, when measured.</param>
public sealed record MeasuredFigure(string Test, double Mean, double StdDev, int N, double CiLower, double CiUpper, long? PeakRssBytes)
{
    public static MeasuredFigure? Of(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Stats is { } s ? new(trial.Test.Name, s.Mean, s.StdDev, s.N, s.CiLower, s.CiUpper, trial.PeakRssBytes) : null;
    }
}
