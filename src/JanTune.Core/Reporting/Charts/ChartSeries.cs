namespace JanTune.Core.Reporting.Charts;

/// <summary>A named set of points, drawn in one style (color, dash pattern and marker shape) and listed in the legend.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>Join the points with a line in a <see cref="ScatterChart"/> (line charts always join them).</summary>
    public bool Connected { get; init; }

    /// <summary>Draw larger and on top, e.g. the Pareto front over all configurations.</summary>
    public bool Emphasized { get; init; }
}
