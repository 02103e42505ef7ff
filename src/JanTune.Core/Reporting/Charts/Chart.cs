namespace JanTune.Core.Reporting.Charts;

/// <summary>What every chart has: an id, a title, two axes with units and the series to draw.</summary>
public abstract record Chart
{
    /// <summary>Stable id: the element id in the report and the stem of the standalone SVG file name.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required ChartAxis XAxis { get; init; }

    public required ChartAxis YAxis { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    public IReadOnlyList<ChartAnnotation> Annotations { get; init; } = [];

    /// <summary>Whether there is anything to draw; the report shows a note instead of an empty chart.</summary>
    public bool HasData => Series.Any(s => s.Points.Count > 0);
}
