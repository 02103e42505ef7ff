namespace JanTune.Core.Reporting.Charts;

/// <summary>How values map onto an axis.</summary>
public enum AxisScale
{
    /// <summary>Logarithmic when the positive data spans more than about 1.5 decades, otherwise linear.</summary>
    Auto,

    /// <summary>Evenly spaced values.</summary>
    Linear,

    /// <summary>Evenly spaced powers of ten; needs positive values.</summary>
    Log,
}
