namespace JanTune.Core.Reporting.Charts;

/// <summary>Series of points joined in x order, e.g. tokens/s against NGL.</summary>
public sealed record LineChart : Chart;
