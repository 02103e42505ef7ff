using System.Xml.Linq;

namespace JanTune.Core.Reporting.Charts;

/// <summary>The legend: a line sample in the series' dash pattern with its marker, then the name; wraps into rows.</summary>
public static partial class SvgChartRenderer
{
    private const double LegendRowHeight = 20;

    private static LegendLayout LayoutLegend(IReadOnlyList<ChartSeries> series)
    {
        var positions = new List<(double X, double Y)>();
        double x = PlotLeft;
        var row = 0;
        foreach (var s in series)
        {
            // System fonts vary; 7 px a character at 12 px is a safe overestimate for the usual sans-serifs.
            var width = 44 + (s.Name.Length * 7);
            if (x + width > PlotRight && x > PlotLeft)
            {
                row++;
                x = PlotLeft;
            }

            positions.Add((x, PlotBottom + 64 + (row * LegendRowHeight)));
            x += width;
        }

        return new LegendLayout(positions, series.Count == 0 ? 0 : (row + 1) * LegendRowHeight);
    }

    private static XElement Legend(Chart chart, IReadOnlyList<SeriesStyle> styles, LegendLayout layout)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "legend"));
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var (x, y) = layout.Positions[i];
            var style = styles[i];
            var showLine = chart is LineChart || chart.Series[i].Connected;
            g.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "legend-item"),
                new XAttribute("data-series", chart.Series[i].Name),
                showLine ? Line(x, y - 4, x + 28, y - 4, style.Color, 2, "legend-line", style.DashArray) : null,
                Marker(style.Marker, x + 14, y - 4, 4.5, style.Color, null, null, "legend-marker"),
                Text(x + 34, y, chart.Series[i].Name, "legend-label")));
        }

        return g;
    }

    private sealed record LegendLayout(IReadOnlyList<(double X, double Y)> Positions, double Height);
}
