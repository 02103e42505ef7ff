using ScottPlot;

namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Series styles that survive color blindness and grayscale printing: Okabe-Ito colors (designed to be told apart
/// with any common color vision deficiency), and, because several of them share a gray level, a distinct marker
/// shape per series and a distinct hatch per bar series as well. Lines stay solid: Skia's SVG backend cannot draw
/// dash patterns (it warns "Unsupported path effect" and approximates them).
/// </summary>
public static class ChartPalette
{
    // Okabe & Ito (2008). Yellow is last: it is hard to see on white.
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.Cross, MarkerShape.Eks,
    ];

    private static readonly BarHatch[] Hatches = Enum.GetValues<BarHatch>();

    /// <summary>How many series get a style unlike every other; beyond it styles repeat.</summary>
    public static int DistinctStyles => Colors.Length;

    /// <summary>The style of the series at <paramref name="index"/> (0-based).</summary>
    public static SeriesStyle StyleAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new SeriesStyle(Colors[index % Colors.Length], Markers[index % Markers.Length], Hatches[index % Hatches.Length]);
    }
}
