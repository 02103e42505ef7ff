namespace JanTune.Core.Reporting.Charts;

/// <summary>Unjoined points (unless a series asks to be connected), e.g. every configuration by memory and speed.</summary>
public sealed record ScatterChart : Chart
{
    /// <summary>Draw the y = x line over a shared domain, for predicted against measured.</summary>
    public bool IdentityLine { get; init; }
}
