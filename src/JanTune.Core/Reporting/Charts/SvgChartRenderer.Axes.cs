using System.Xml.Linq;

namespace JanTune.Core.Reporting.Charts;

/// <summary>Grid, axes, annotations and the reference diagonal.</summary>
public static partial class SvgChartRenderer
{
    private static XElement Grid(AxisMap x, AxisMap y, bool isBar)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "grid"));
        foreach (var t in y.Ticks)
        {
            g.Add(Line(PlotLeft, y.Map(t), PlotRight, y.Map(t), "#e3e3e3", 1, "gridline"));
        }

        if (!isBar)
        {
            foreach (var t in x.Ticks)
            {
                g.Add(Line(x.Map(t), PlotTop, x.Map(t), PlotBottom, "#efefef", 1, "gridline"));
            }
        }

        g.Add(new XElement(
            Svg + "rect",
            new XAttribute("class", "frame"),
            new XAttribute("x", ChartNumber.Coord(PlotLeft)),
            new XAttribute("y", ChartNumber.Coord(PlotTop)),
            new XAttribute("width", ChartNumber.Coord(PlotRight - PlotLeft)),
            new XAttribute("height", ChartNumber.Coord(PlotBottom - PlotTop)),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", "#999999")));
        return g;
    }

    private static XElement ValueAxisX(ChartAxis axis, AxisMap x)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "axis axis-x"), new XAttribute("data-scale", x.Scale.ToString().ToLowerInvariant()));
        foreach (var t in x.Ticks)
        {
            g.Add(Line(x.Map(t), PlotBottom, x.Map(t), PlotBottom + 5, "#666666", 1, "tick"));
            g.Add(Text(x.Map(t), PlotBottom + 18, x.Label(t), "tick-label", "middle"));
        }

        g.Add(Text((PlotLeft + PlotRight) / 2, PlotBottom + 40, AxisLabel(axis, x), "axis-title", "middle", new XAttribute("font-weight", "600")));
        return g;
    }

    private static XElement CategoryAxis(BarChart bar, AxisMap x)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "axis axis-x"), new XAttribute("data-scale", "category"));
        for (var i = 0; i < bar.Categories.Count; i++)
        {
            g.Add(Text(x.Map(i), PlotBottom + 18, bar.Categories[i], "tick-label", "middle"));
        }

        g.Add(Text((PlotLeft + PlotRight) / 2, PlotBottom + 40, bar.XAxis.Label, "axis-title", "middle", new XAttribute("font-weight", "600")));
        return g;
    }

    private static XElement ValueAxisY(ChartAxis axis, AxisMap y)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "axis axis-y"), new XAttribute("data-scale", y.Scale.ToString().ToLowerInvariant()));
        foreach (var t in y.Ticks)
        {
            g.Add(Line(PlotLeft - 5, y.Map(t), PlotLeft, y.Map(t), "#666666", 1, "tick"));
            g.Add(Text(PlotLeft - 8, y.Map(t) + 4, y.Label(t), "tick-label", "end"));
        }

        var cy = (PlotTop + PlotBottom) / 2;
        g.Add(Text(18, cy, AxisLabel(axis, y), "axis-title", "middle", new XAttribute("font-weight", "600"), new XAttribute("transform", $"rotate(-90 18 {ChartNumber.Coord(cy)})")));
        return g;
    }

    // Saying "log scale" on the axis keeps a reader from misjudging ratios as differences.
    private static string AxisLabel(ChartAxis axis, AxisMap map) => map.Scale == AxisScale.Log ? axis.Label + ", log scale" : axis.Label;

    private static XElement Annotations(Chart chart, AxisMap x)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "annotations"));
        foreach (var a in chart.Annotations)
        {
            var px = x.Map(a.X);
            g.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "annotation"),
                new XAttribute("data-x", ChartNumber.Value(a.X)),
                new XElement(Svg + "title", a.Label),
                Line(px, PlotTop, px, PlotBottom, "#444444", 1.5, "annotation-line", "5 4"),
                Text(px - 4, PlotTop + 14, a.Label, "annotation-label", "end", new XAttribute("font-size", "11"), new XAttribute("font-style", "italic"))));
        }

        return g;
    }

    private static XElement IdentityLine(AxisMap x, AxisMap y)
    {
        var lo = Math.Max(x.Lo, y.Lo);
        var hi = Math.Min(x.Hi, y.Hi);
        return new XElement(
            Svg + "g",
            new XAttribute("class", "identity"),
            new XElement(Svg + "title", "y = x: prediction equals measurement"),
            Line(x.Map(lo), y.Map(lo), x.Map(hi), y.Map(hi), "#777777", 1.5, "identity-line", "6 4"));
    }
}
