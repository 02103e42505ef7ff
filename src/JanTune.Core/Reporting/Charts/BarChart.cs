namespace JanTune.Core.Reporting.Charts;

/// <summary>Grouped bars: one group per category, one bar per series; a point's X is its category index.</summary>
public sealed record BarChart : Chart
{
    public required IReadOnlyList<string> Categories { get; init; }
}
