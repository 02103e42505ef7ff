namespace JanTune.Core.Reporting.Charts;

/// <summary>How one series is drawn.</summary>
/// <param name="Color">Stroke and fill color, #RRGGBB.</param>
/// <param name="DashArray">SVG stroke-dasharray of its line; empty for solid.</param>
/// <param name="Marker">Marker shape.</param>
public sealed record SeriesStyle(string Color, string DashArray, MarkerShape Marker);
