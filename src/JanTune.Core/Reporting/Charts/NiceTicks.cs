namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Tick positions a person reads at a glance: steps of 1, 2, 2.5 or 5 times a power of ten on linear axes
/// (Heckbert's "nice numbers"), powers of ten (with 2 and 5 between them on short spans) on log axes.
/// </summary>
public static class NiceTicks
{
    /// <summary>Ticks (at least <paramref name="minStep"/> apart) from at or below <paramref name="min"/> to at or above <paramref name="max"/>, about <paramref name="target"/> of them.</summary>
    public static IReadOnlyList<double> Linear(double min, double max, int target = 6, double minStep = 0)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException("tick range must be finite");
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            // A single value still needs a readable axis around it.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        var step = Math.Max(minStep, NiceStep((max - min) / Math.Max(1, target - 1)));
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var count = (int)Math.Round((last - first) / step) + 1;
        var ticks = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Multiplying instead of accumulating, then rounding, keeps 0.1 + 0.2 drift out of the ticks.
            var v = Math.Round(first + (i * step), 10);
            ticks[i] = v == 0 ? 0 : v;
        }

        return ticks;
    }

    /// <summary>Decade ticks covering [min, max] (both positive); 2 and 5 between decades when the span is short.</summary>
    public static IReadOnlyList<double> Log(double min, double max)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException("log ticks need a positive, finite range");
        }

        var lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        var hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi == lo)
        {
            hi++;
        }

        var ticks = new List<double>();
        var fine = hi - lo <= 3;
        for (var e = lo; e <= hi; e++)
        {
            var decade = Math.Pow(10, e);
            ticks.Add(decade);
            if (fine && e < hi)
            {
                ticks.Add(2 * decade);
                ticks.Add(5 * decade);
            }
        }

        return ticks;
    }

    /// <summary>The nice step (1, 2, 2.5 or 5 times a power of ten) nearest above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0))
        {
            return 1;
        }

        var exp = Math.Floor(Math.Log10(rough));
        var magnitude = Math.Pow(10, exp);
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
