namespace JanTune.Core.Reporting.Charts;

/// <summary>One data point, with an optional confidence interval drawn as an error bar.</summary>
/// <param name="X">Position on the x axis; for a <see cref="BarChart"/> the index of the category.</param>
/// <param name="Y">The value.</param>
public sealed record ChartPoint(double X, double Y)
{
    /// <summary>Lower end of the error bar (for speeds, mean − sd, never below zero), or null for none.</summary>
    public double? YLower { get; init; }

    /// <summary>Upper end of the error bar, or null for none.</summary>
    public double? YUpper { get; init; }

    /// <summary>Extra words for the hover text, e.g. the configuration the point stands for.</summary>
    public string? Note { get; init; }

    /// <summary>Whether the point has an error bar to draw.</summary>
    public bool HasErrorBar => YLower is not null && YUpper is not null;
}
