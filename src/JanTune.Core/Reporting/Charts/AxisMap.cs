namespace JanTune.Core.Reporting.Charts;

/// <summary>Maps data values onto pixels for one axis, with its ticks and their labels.</summary>
internal sealed class AxisMap
{
    private AxisMap(AxisScale scale, double lo, double hi, double pixelFrom, double pixelTo, IReadOnlyList<double> ticks)
    {
        Scale = scale;
        Lo = lo;
        Hi = hi;
        PixelFrom = pixelFrom;
        PixelTo = pixelTo;
        Ticks = ticks;
    }

    public AxisScale Scale { get; }

    public double Lo { get; }

    public double Hi { get; }

    public double PixelFrom { get; }

    public double PixelTo { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Builds the axis for the values it must show (data, error bars, annotations).</summary>
    public static AxisMap Create(ChartAxis axis, IReadOnlyCollection<double> values, double pixelFrom, double pixelTo, bool forceLinear = false)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            finite = [0, 1];
        }

        var scale = forceLinear && axis.Scale != AxisScale.Log ? AxisScale.Linear : ScaleChooser.Choose(axis.Scale, finite);
        if (scale == AxisScale.Log)
        {
            var positive = finite.Where(v => v > 0).ToList();
            if (positive.Count == 0)
            {
                positive = [1];
            }

            var ticks = NiceTicks.Log(positive.Min(), positive.Max());
            return new AxisMap(scale, ticks[0], ticks[^1], pixelFrom, pixelTo, ticks);
        }

        var min = finite.Min();
        var max = finite.Max();
        if (axis.IncludeZero)
        {
            min = Math.Min(0, min);
            max = Math.Max(0, max);
        }

        var linear = NiceTicks.Linear(min, max, 6, axis.IntegerTicks ? 1 : 0);
        return new AxisMap(AxisScale.Linear, linear[0], linear[^1], pixelFrom, pixelTo, linear);
    }

    /// <summary>A linear axis over a fixed domain with no ticks (the category band of a bar chart).</summary>
    public static AxisMap CreateFixed(double lo, double hi, double pixelFrom, double pixelTo) =>
        new(AxisScale.Linear, lo, hi, pixelFrom, pixelTo, []);

    /// <summary>Pixel position of a value; values outside the domain are clamped to its edge.</summary>
    public double Map(double v)
    {
        double t;
        if (Scale == AxisScale.Log)
        {
            var clamped = Math.Clamp(v, Lo, Hi);
            t = (Math.Log10(clamped) - Math.Log10(Lo)) / (Math.Log10(Hi) - Math.Log10(Lo));
        }
        else
        {
            t = (Math.Clamp(v, Lo, Hi) - Lo) / (Hi - Lo);
        }

        return PixelFrom + (t * (PixelTo - PixelFrom));
    }

    public string Label(double tick) =>
        Scale == AxisScale.Log ? ChartNumber.LogTick(tick) : ChartNumber.Tick(tick, Ticks.Count > 1 ? Ticks[1] - Ticks[0] : 1);
}
