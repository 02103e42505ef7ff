namespace JanTune.Core.Reporting.Charts;

/// <summary>A labelled vertical line at an x position, e.g. the NGL at which the output layer moves to the GPU.</summary>
public sealed record ChartAnnotation(double X, string Label);
