namespace JanTune.Core.Reporting.Charts;

/// <summary>Decides linear or log for an <see cref="AxisScale.Auto"/> axis.</summary>
public static class ScaleChooser
{
    /// <summary>Decades the positive data must span before a log axis reads better than a linear one.</summary>
    public const double LogThresholdDecades = 1.5;

    /// <summary>
    /// Log when every value is positive and max/min exceeds 10^1.5 (about 32x): CPU-only and full-offload speeds
    /// differ by 100x, and on a linear axis the CPU curve would lie flat on zero.
    /// </summary>
    public static AxisScale Choose(AxisScale requested, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (requested != AxisScale.Auto)
        {
            return requested;
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }

            if (v <= 0)
            {
                return AxisScale.Linear;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return max > min && Math.Log10(max / min) > LogThresholdDecades ? AxisScale.Log : AxisScale.Linear;
    }
}
