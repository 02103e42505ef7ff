namespace JanTune.Core.Reporting.Charts;

/// <summary>One axis: what it measures and in which unit, so no chart ever shows a bare number.</summary>
/// <param name="Title">What the axis measures, e.g. "generation speed".</param>
/// <param name="Unit">The unit, e.g. "tokens/s", "GiB", "threads"; shown in brackets after the title.</param>
public sealed record ChartAxis(string Title, string Unit)
{
    public AxisScale Scale { get; init; } = AxisScale.Auto;

    /// <summary>Whether a linear axis must reach zero (speeds and sizes are read against zero, offsets are not).</summary>
    public bool IncludeZero { get; init; }

    /// <summary>Whether only whole numbers make sense as ticks (threads, layers).</summary>
    public bool IntegerTicks { get; init; }

    /// <summary>The title with its unit, as drawn.</summary>
    public string Label => string.IsNullOrEmpty(Unit) ? Title : $"{Title} ({Unit})";
}
