namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// One axis as drawn: its scale, the data-space limits, and the mapping into ScottPlot's coordinates. ScottPlot has
/// no log axis, so a log axis plots log10 of every value and labels its ticks with the original numbers.
/// </summary>
internal sealed record AxisRange(AxisScale Scale, double Min, double Max)
{
    /// <summary>Where a value lies in plot coordinates (log10 on a log axis; non-positive values clamp to the bottom).</summary>
    public double Map(double v) => Scale == AxisScale.Log ? (v > 0 ? Math.Log10(v) : Min) : v;

    /// <summary>The range of the given values (error bar ends and annotations included by the caller), padded.</summary>
    public static AxisRange Of(ChartAxis axis, IReadOnlyCollection<double> values, AxisScale? forced = null)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var scale = forced ?? ScaleChooser.Choose(axis.Scale, finite);
        if (finite.Count == 0)
        {
            return new AxisRange(AxisScale.Linear, 0, 1);
        }

        if (scale == AxisScale.Log)
        {
            var positive = finite.Where(v => v > 0).ToList();
            var lo = Math.Log10(positive.Min());
            var hi = Math.Log10(positive.Max());
            return new AxisRange(AxisScale.Log, lo - 0.08, hi + 0.08);
        }

        var min = finite.Min();
        var max = finite.Max();
        if (axis.IncludeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        var pad = max > min ? (max - min) * 0.06 : Math.Max(Math.Abs(max) * 0.1, 1);
        return new AxisRange(AxisScale.Linear, axis.IncludeZero && min == 0 ? 0 : min - pad, max + pad);
    }

    /// <summary>Log ticks: 1, 2 and 5 per decade labelled (only powers of ten when the range spans many decades), the rest minor.</summary>
    public ScottPlot.TickGenerators.NumericManual LogTicks()
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var decades = Max - Min;
        for (var e = (int)Math.Floor(Min); e <= (int)Math.Ceiling(Max); e++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var v = m * Math.Pow(10, e);
                var at = Math.Log10(v);
                if (at < Min || at > Max)
                {
                    continue;
                }

                var labelled = m == 1 || (decades < 3.5 && m is 2 or 5);
                if (labelled)
                {
                    ticks.AddMajor(at, ChartNumber.Tick(v));
                }
                else
                {
                    ticks.AddMinor(at);
                }
            }
        }

        return ticks;
    }
}
