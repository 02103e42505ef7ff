namespace JanTune.Core.Reporting.Charts;

/// <summary>A named set of points, drawn in one style (color, marker shape, bar hatch) and listed in the legend.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>Join the points with a line in a <see cref="ScatterChart"/> (line charts always join them).</summary>
    public bool Connected { get; init; }

    /// <summary>Draw larger and on top, e.g. the Pareto front over all configurations.</summary>
    public bool Emphasized { get; init; }

    /// <summary>
    /// The small-multiple panel the series belongs to (a backend, a model), or null. A chart with more series than
    /// <see cref="ChartRenderer.MaxSeriesPerPanel"/> draws one panel per distinct value instead of one long legend;
    /// <see cref="Name"/> is then the series' name inside its panel.
    /// </summary>
    public string? Panel { get; init; }

    /// <summary>The name with its panel, as a single-panel legend and the data table show it.</summary>
    public string FullName => Panel is null ? Name : Name == Panel ? Panel : $"{Panel} {Name}";
}
