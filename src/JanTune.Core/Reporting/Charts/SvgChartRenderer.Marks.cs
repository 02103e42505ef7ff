using System.Xml.Linq;

namespace JanTune.Core.Reporting.Charts;

/// <summary>Lines, markers, bars and error bars: every data mark has class "mark", a &lt;title&gt; and data-* values.</summary>
public static partial class SvgChartRenderer
{
    private static XElement PointSeries(Chart chart, int index, SeriesStyle style, AxisMap x, AxisMap y)
    {
        var series = chart.Series[index];
        var g = SeriesGroup(series, index);
        var ordered = series.Points.OrderBy(p => p.X).ToList();
        var width = series.Emphasized ? 3 : 2;
        if ((chart is LineChart || series.Connected) && ordered.Count > 1)
        {
            var d = string.Join(' ', ordered.Select((p, i) => (i == 0 ? "M" : "L") + ChartNumber.Coord(x.Map(p.X)) + " " + ChartNumber.Coord(y.Map(p.Y))));
            g.Add(new XElement(
                Svg + "path",
                new XAttribute("class", "line"),
                new XAttribute("d", d),
                new XAttribute("fill", "none"),
                new XAttribute("stroke", style.Color),
                new XAttribute("stroke-width", ChartNumber.Coord(width)),
                string.IsNullOrEmpty(style.DashArray) ? null : new XAttribute("stroke-dasharray", style.DashArray)));
        }

        foreach (var p in ordered)
        {
            var px = x.Map(p.X);
            if (p.HasErrorBar)
            {
                g.Add(ErrorBar(chart, series, p, px, y, style.Color));
            }

            g.Add(Marker(style.Marker, px, y.Map(p.Y), series.Emphasized ? 6 : 4.5, style.Color, HoverText(chart, series, p), p));
        }

        return g;
    }

    private static XElement BarSeries(BarChart chart, int index, SeriesStyle style, AxisMap x, AxisMap y)
    {
        var series = chart.Series[index];
        var g = SeriesGroup(series, index);
        var band = (x.PixelTo - x.PixelFrom) / Math.Max(1, chart.Categories.Count);
        var barWidth = band * 0.8 / Math.Max(1, chart.Series.Count);
        foreach (var p in series.Points.OrderBy(p => p.X))
        {
            var left = x.Map(p.X) - (band * 0.4) + (index * barWidth);
            var top = y.Map(Math.Max(p.Y, 0));
            var bottom = y.Map(Math.Min(p.Y, 0));
            var hover = HoverText(chart, series, p);
            g.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "mark bar"),
                new XAttribute("x", ChartNumber.Coord(left + 1)),
                new XAttribute("y", ChartNumber.Coord(top)),
                new XAttribute("width", ChartNumber.Coord(Math.Max(1, barWidth - 2))),
                new XAttribute("height", ChartNumber.Coord(Math.Max(0.5, bottom - top))),
                new XAttribute("fill", style.Color),
                new XAttribute("fill-opacity", "0.8"),
                new XAttribute("stroke", "#333333"),
                new XAttribute("stroke-width", "0.8"),
                DataAttributes(series, p),
                new XElement(Svg + "title", hover)));
            if (p.HasErrorBar)
            {
                g.Add(ErrorBar(chart, series, p, left + (barWidth / 2), y, "#222222"));
            }

            // The series' marker on each bar tells bars apart where colors turn into similar grays.
            g.Add(Marker(style.Marker, left + (barWidth / 2), top - 9, 4, style.Color, hover, p, "badge"));
        }

        return g;
    }

    private static XElement SeriesGroup(ChartSeries series, int index) =>
        new(Svg + "g", new XAttribute("class", "series"), new XAttribute("data-series", series.Name), new XAttribute("data-series-index", index));

    private static XElement ErrorBar(Chart chart, ChartSeries series, ChartPoint p, double px, AxisMap y, string color)
    {
        var lo = y.Map(p.YLower!.Value);
        var hi = y.Map(p.YUpper!.Value);
        var c = ChartNumber.Coord;
        var d = $"M{c(px)} {c(lo)} V{c(hi)} M{c(px - 3.5)} {c(lo)} H{c(px + 3.5)} M{c(px - 3.5)} {c(hi)} H{c(px + 3.5)}";
        return new XElement(
            Svg + "path",
            new XAttribute("class", "errorbar"),
            new XAttribute("d", d),
            new XAttribute("stroke", color),
            new XAttribute("stroke-width", "1.2"),
            new XAttribute("fill", "none"),
            new XAttribute("data-lower", ChartNumber.Value(p.YLower.Value)),
            new XAttribute("data-upper", ChartNumber.Value(p.YUpper!.Value)),
            new XElement(Svg + "title", HoverText(chart, series, p)));
    }

    internal static XElement Marker(MarkerShape shape, double cx, double cy, double r, string color, string? hover, ChartPoint? point = null, string cssClass = "mark")
    {
        var c = ChartNumber.Coord;
        XElement mark;
        if (shape == MarkerShape.Circle)
        {
            mark = new XElement(Svg + "circle", new XAttribute("cx", c(cx)), new XAttribute("cy", c(cy)), new XAttribute("r", c(r)));
        }
        else
        {
            mark = new XElement(Svg + "path", new XAttribute("d", MarkerPath(shape, cx, cy, r)));
        }

        var stroked = shape is MarkerShape.Plus or MarkerShape.Cross;
        mark.Add(
            new XAttribute("class", cssClass),
            new XAttribute("fill", stroked ? "none" : color),
            new XAttribute("stroke", stroked ? color : "#ffffff"),
            new XAttribute("stroke-width", stroked ? "2.5" : "1"),
            new XAttribute("data-marker", shape.ToString().ToLowerInvariant()));
        if (point is not null && cssClass == "mark")
        {
            mark.Add(new XAttribute("data-x", ChartNumber.Value(point.X)), new XAttribute("data-y", ChartNumber.Value(point.Y)));
        }

        if (hover is not null)
        {
            mark.Add(new XElement(Svg + "title", hover));
        }

        return mark;
    }

    private static string MarkerPath(MarkerShape shape, double cx, double cy, double r)
    {
        string P(double dx, double dy) => ChartNumber.Coord(cx + dx) + " " + ChartNumber.Coord(cy + dy);
        return shape switch
        {
            MarkerShape.Square => $"M{P(-r * 0.9, -r * 0.9)} L{P(r * 0.9, -r * 0.9)} L{P(r * 0.9, r * 0.9)} L{P(-r * 0.9, r * 0.9)} Z",
            MarkerShape.TriangleUp => $"M{P(0, -r * 1.2)} L{P(r * 1.1, r * 0.8)} L{P(-r * 1.1, r * 0.8)} Z",
            MarkerShape.TriangleDown => $"M{P(0, r * 1.2)} L{P(r * 1.1, -r * 0.8)} L{P(-r * 1.1, -r * 0.8)} Z",
            MarkerShape.Diamond => $"M{P(0, -r * 1.3)} L{P(r * 1.1, 0)} L{P(0, r * 1.3)} L{P(-r * 1.1, 0)} Z",
            MarkerShape.Plus => $"M{P(-r, 0)} L{P(r, 0)} M{P(0, -r)} L{P(0, r)}",
            MarkerShape.Cross => $"M{P(-r, -r)} L{P(r, r)} M{P(-r, r)} L{P(r, -r)}",
            _ => StarPath(P, r),
        };
    }

    private static string StarPath(Func<double, double, string> p, double r)
    {
        var parts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var radius = i % 2 == 0 ? r * 1.3 : r * 0.55;
            var angle = (Math.PI / 5 * i) - (Math.PI / 2);
            parts.Add((i == 0 ? "M" : "L") + p(radius * Math.Cos(angle), radius * Math.Sin(angle)));
        }

        return string.Join(' ', parts) + " Z";
    }

    private static IEnumerable<XAttribute> DataAttributes(ChartSeries series, ChartPoint p)
    {
        yield return new XAttribute("data-series", series.Name);
        yield return new XAttribute("data-x", ChartNumber.Value(p.X));
        yield return new XAttribute("data-y", ChartNumber.Value(p.Y));
    }

    private static string HoverText(Chart chart, ChartSeries series, ChartPoint p)
    {
        var x = chart is BarChart bar && p.X >= 0 && p.X < bar.Categories.Count
            ? bar.Categories[(int)p.X]
            : $"{chart.XAxis.Title} {ChartNumber.Value(p.X)} {chart.XAxis.Unit}".TrimEnd();
        var text = $"{series.Name}: {x}; {chart.YAxis.Title} {ChartNumber.Value(p.Y)} {chart.YAxis.Unit}".TrimEnd();
        if (p.HasErrorBar)
        {
            text += $" (bar {ChartNumber.Value(p.YLower!.Value)} to {ChartNumber.Value(p.YUpper!.Value)})";
        }

        return p.Note is null ? text : text + "; " + p.Note;
    }
}
