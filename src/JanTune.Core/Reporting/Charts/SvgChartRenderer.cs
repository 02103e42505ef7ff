using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Renders a <see cref="Chart"/> as SVG through System.Xml.Linq, so every name and value is escaped by the XML
/// writer rather than by hand. Output depends only on the chart: invariant numbers, fixed layout, no clock.
/// Every mark carries a &lt;title&gt; (the browser shows it on hover, no script needed) and data-* attributes.
/// </summary>
public static partial class SvgChartRenderer
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal const double Width = 760;
    internal const double PlotLeft = 78;
    internal const double PlotRight = Width - 24;
    internal const double PlotTop = 48;
    internal const double PlotBottom = PlotTop + 300;
    internal const string FontStack = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    /// <summary>The chart as an &lt;svg class="chart"&gt; element, ready to inline in HTML or save alone.</summary>
    public static XElement Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var styles = chart.Series.Select((_, i) => ChartPalette.StyleAt(i)).ToList();
        var legend = LayoutLegend(chart.Series);
        var height = PlotBottom + 52 + legend.Height;
        var (x, y) = CreateAxes(chart);

        var svg = new XElement(
            Svg + "svg",
            new XAttribute("class", "chart"),
            new XAttribute("id", "chart-" + chart.Id),
            new XAttribute("viewBox", $"0 0 {ChartNumber.Coord(Width)} {ChartNumber.Coord(height)}"),
            new XAttribute("width", ChartNumber.Coord(Width)),
            new XAttribute("height", ChartNumber.Coord(height)),
            new XAttribute("role", "img"),
            new XAttribute("font-family", FontStack),
            new XAttribute("font-size", "12"),
            new XAttribute("data-chart-kind", chart.GetType().Name),
            new XAttribute("data-x-scale", x.Scale.ToString().ToLowerInvariant()),
            new XAttribute("data-y-scale", y.Scale.ToString().ToLowerInvariant()),
            new XElement(Svg + "title", chart.Title),
            new XElement(Svg + "rect", new XAttribute("class", "background"), new XAttribute("width", ChartNumber.Coord(Width)), new XAttribute("height", ChartNumber.Coord(height)), new XAttribute("fill", "#ffffff")),
            Text(Width / 2, 24, chart.Title, "chart-title", "middle", new XAttribute("font-size", "15"), new XAttribute("font-weight", "600")));

        svg.Add(Grid(x, y, chart is BarChart));
        svg.Add(chart is BarChart bar ? CategoryAxis(bar, x) : ValueAxisX(chart.XAxis, x));
        svg.Add(ValueAxisY(chart.YAxis, y));
        svg.Add(Annotations(chart, x));
        if (chart is ScatterChart { IdentityLine: true })
        {
            svg.Add(IdentityLine(x, y));
        }

        for (var i = 0; i < chart.Series.Count; i++)
        {
            svg.Add(chart is BarChart b ? BarSeries(b, i, styles[i], x, y) : PointSeries(chart, i, styles[i], x, y));
        }

        svg.Add(Legend(chart, styles, legend));
        return svg;
    }

    /// <summary>The chart as a standalone SVG file's text (XML declaration, UTF-8, LF line ends).</summary>
    public static string ToSvgDocument(Chart chart)
    {
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), Render(chart));
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            doc.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static (AxisMap X, AxisMap Y) CreateAxes(Chart chart)
    {
        var points = chart.Series.SelectMany(s => s.Points).ToList();
        // The axis follows the points; an error bar counts only while it stays near them. A very noisy trial's
        // bar would flatten every curve; such a bar is clipped at the plot edge and its full range stays in the hover text.
        var top = points.Count == 0 ? 0 : points.Max(p => Math.Abs(p.Y));
        var ys = points.SelectMany(p => new[] { p.Y, p.YLower ?? p.Y, p.YUpper ?? p.Y })
            .Where(v => points.Any(p => p.Y == v) || (v >= 0 && v <= 2 * top))
            .ToList();
        if (chart is BarChart bar)
        {
            var x = AxisMap.Create(chart.XAxis with { Scale = AxisScale.Linear }, [-0.5, bar.Categories.Count - 0.5], PlotLeft, PlotRight, forceLinear: true);
            return (CategoryBand(bar, x), AxisMap.Create(chart.YAxis with { IncludeZero = true }, ys, PlotBottom, PlotTop, forceLinear: true));
        }

        var xs = points.Select(p => p.X).Concat(chart.Annotations.Select(a => a.X)).ToList();
        if (chart is ScatterChart { IdentityLine: true })
        {
            // Predicted and measured share one domain, so the y = x diagonal is the 45-degree line.
            var all = xs.Concat(ys).ToList();
            return (AxisMap.Create(chart.XAxis, all, PlotLeft, PlotRight), AxisMap.Create(chart.YAxis, all, PlotBottom, PlotTop));
        }

        return (AxisMap.Create(chart.XAxis, xs, PlotLeft, PlotRight), AxisMap.Create(chart.YAxis, ys, PlotBottom, PlotTop));
    }

    // Bars sit on category indices; the band runs half a category beyond the first and last.
    private static AxisMap CategoryBand(BarChart bar, AxisMap linear) =>
        AxisMap.CreateFixed(-0.5, bar.Categories.Count - 0.5, linear.PixelFrom, linear.PixelTo);

    internal static XElement Text(double x, double y, string text, string cssClass, string anchor = "start", params object[] extra) =>
        new(
            Svg + "text",
            new XAttribute("class", cssClass),
            new XAttribute("x", ChartNumber.Coord(x)),
            new XAttribute("y", ChartNumber.Coord(y)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("fill", "#222222"),
            extra,
            text);

    internal static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width, string cssClass, string dash = "") =>
        new(
            Svg + "line",
            new XAttribute("class", cssClass),
            new XAttribute("x1", ChartNumber.Coord(x1)),
            new XAttribute("y1", ChartNumber.Coord(y1)),
            new XAttribute("x2", ChartNumber.Coord(x2)),
            new XAttribute("y2", ChartNumber.Coord(y2)),
            new XAttribute("stroke", stroke),
            new XAttribute("stroke-width", ChartNumber.Coord(width)),
            string.IsNullOrEmpty(dash) ? null : new XAttribute("stroke-dasharray", dash));
}
