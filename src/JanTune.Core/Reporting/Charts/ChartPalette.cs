namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Series styles that survive color blindness and grayscale printing: Okabe-Ito colors (designed to be told apart
/// with any common color vision deficiency), and, because several of them share a gray level, a distinct dash
/// pattern and marker shape per series as well.
/// </summary>
public static class ChartPalette
{
    // Okabe & Ito (2008). Yellow is last: it is hard to see on white.
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    private static readonly string[] Dashes = [string.Empty, "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "6 2 2 2 2 2"];

    private static readonly MarkerShape[] Markers = Enum.GetValues<MarkerShape>();

    /// <summary>How many series get a style unlike every other; beyond it styles repeat.</summary>
    public static int DistinctStyles => Colors.Length;

    /// <summary>The style of the series at <paramref name="index"/> (0-based).</summary>
    public static SeriesStyle StyleAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new SeriesStyle(Colors[index % Colors.Length], Dashes[index % Dashes.Length], Markers[index % Markers.Length]);
    }
}
