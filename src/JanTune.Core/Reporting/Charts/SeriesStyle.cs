namespace JanTune.Core.Reporting.Charts;

/// <summary>How one series is drawn.</summary>
/// <param name="Color">Stroke and fill color, #RRGGBB.</param>
/// <param name="Marker">Marker shape of its points.</param>
/// <param name="Hatch">Fill pattern of its bars (none for the first series).</param>
public sealed record SeriesStyle(string Color, ScottPlot.MarkerShape Marker, BarHatch Hatch);
