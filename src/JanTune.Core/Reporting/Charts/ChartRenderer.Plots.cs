using ScottPlot;
using ScottPlot.Plottables;

namespace JanTune.Core.Reporting.Charts;

public static partial class ChartRenderer
{
    private static readonly Color Annotation = Color.FromHex("#555555");

    private static (Multiplot Plot, int Width, int Height) Build(Chart chart)
    {
        var panels = Panels(chart);
        var x = XRange(chart);
        var y = YRange(chart, x);
        var multiplot = new Multiplot();
        var styles = StyleIndex(chart, panels.Count > 1);
        foreach (var (title, series) in panels)
        {
            var plot = new Plot();
            Draw(plot, chart, title, series, x, y, panels.Count > 1, styles);
            multiplot.AddPlot(plot);
        }

        multiplot.RemovePlot(multiplot.GetPlot(0)); // the empty plot a new Multiplot starts with
        if (panels.Count == 1)
        {
            return (multiplot, Width, SingleHeight);
        }

        var rows = (panels.Count + 1) / 2;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, 2);
        return (multiplot, Width, rows * PanelHeight);
    }

    /// <summary>One panel, or one per distinct <see cref="ChartSeries.Panel"/> when there are too many series for one legend.</summary>
    private static List<(string Title, IReadOnlyList<ChartSeries> Series)> Panels(Chart chart)
    {
        var named = chart.Series.Where(s => s.Points.Count > 0).ToList();
        var keys = named.Select(s => s.Panel).Distinct().ToList();
        if (named.Count <= MaxSeriesPerPanel || keys.Count < 2 || keys.Contains(null))
        {
            return [(chart.Title, named)];
        }

        return keys.Select(k => ($"{chart.Title}: {k}", (IReadOnlyList<ChartSeries>)named.Where(s => s.Panel == k).ToList())).ToList();
    }

    // In small multiples a series keeps its style in every panel ("q8_0" looks the same under cuda and vulkan).
    private static Dictionary<string, int> StyleIndex(Chart chart, bool panelled)
    {
        var names = chart.Series.Select(s => panelled ? s.Name : s.FullName).Distinct(StringComparer.Ordinal).ToList();
        return names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    private static AxisRange XRange(Chart chart)
    {
        if (chart is BarChart bars)
        {
            return new AxisRange(AxisScale.Linear, -0.6, bars.Categories.Count - 0.4);
        }

        var xs = chart.Series.SelectMany(s => s.Points).Select(p => p.X).Concat(chart.Annotations.Select(a => a.X)).ToList();
        return chart is ScatterChart { IdentityLine: true } ? AxisRange.Of(chart.XAxis, xs.Concat(chart.Series.SelectMany(s => s.Points).Select(p => p.Y)).ToList()) : AxisRange.Of(chart.XAxis, xs);
    }

    private static AxisRange YRange(Chart chart, AxisRange x)
    {
        var points = chart.Series.SelectMany(s => s.Points).ToList();
        var ys = points.Select(p => p.Y).Concat(points.Select(p => p.YUpper ?? p.Y)).Concat(points.Where(p => p.YLower > 0).Select(p => p.YLower!.Value)).ToList();
        if (chart is BarChart)
        {
            return AxisRange.Of(chart.YAxis with { IncludeZero = true }, ys, AxisScale.Linear);
        }

        // Predicted against measured shares one scale and domain, or y = x would not be the diagonal.
        return chart is ScatterChart { IdentityLine: true } ? x : AxisRange.Of(chart.YAxis, ys, ScaleChooser.Choose(chart.YAxis.Scale, points.Select(p => p.Y)));
    }

    private static void Draw(Plot plot, Chart chart, string title, IReadOnlyList<ChartSeries> series, AxisRange x, AxisRange y, bool panelled, Dictionary<string, int> styles)
    {
        plot.Font.Set(FontName);
        plot.Title(title, 14);
        plot.XLabel(chart.XAxis.Label + (x.Scale == AxisScale.Log ? ", log scale" : string.Empty), 12);
        plot.YLabel(chart.YAxis.Label + (y.Scale == AxisScale.Log ? ", log scale" : string.Empty), 12);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var style = ChartPalette.StyleAt(styles[panelled ? s.Name : s.FullName]);
            var label = panelled ? s.Name : s.FullName;
            if (chart is BarChart bars)
            {
                DrawBars(plot, s, style, label, i, series.Count, y);
            }
            else
            {
                DrawPoints(plot, chart, s, style, label, x, y);
            }
        }

        foreach (var a in chart.Annotations)
        {
            // Named in the legend: a label on the line itself runs off the plot when the line is at its edge.
            var line = plot.Add.VerticalLine(x.Map(a.X), 1.5f, Annotation, LinePattern.Solid);
            line.LegendText = a.Label;
        }

        if (chart is ScatterChart { IdentityLine: true })
        {
            var diagonal = plot.Add.Line(x.Min, x.Min, x.Max, x.Max);
            diagonal.Color = Annotation;
            diagonal.LineWidth = 1;
            diagonal.LegendText = "y = x (exact prediction)";
        }

        Axes(plot, chart, x, y);
        if (series.Count > 1 || chart.Annotations.Count > 0 || chart is ScatterChart { IdentityLine: true })
        {
            plot.ShowLegend(Edge.Bottom);
        }
        else
        {
            plot.HideLegend(); // ScottPlot shows one by itself as soon as a plottable has a legend text
        }
    }

    private static void DrawPoints(Plot plot, Chart chart, ChartSeries s, SeriesStyle style, string label, AxisRange x, AxisRange y)
    {
        var color = Color.FromHex(style.Color);
        var points = chart is LineChart ? s.Points.OrderBy(p => p.X).ToList() : s.Points.ToList();
        var xs = points.Select(p => x.Map(p.X)).ToArray();
        var ys = points.Select(p => y.Map(p.Y)).ToArray();
        var joined = chart is LineChart || s.Connected;
        var scatter = joined ? plot.Add.Scatter(xs, ys, color) : plot.Add.ScatterPoints(xs, ys, color);
        scatter.LegendText = label;
        scatter.MarkerShape = style.Marker;
        scatter.MarkerSize = s.Emphasized ? 11 : 8;
        scatter.LineWidth = joined ? (s.Emphasized ? 2.5f : 1.5f) : 0;
        var withBars = points.Where(p => p.HasErrorBar).ToList();
        if (withBars.Count > 0)
        {
            AddErrorBars(plot, withBars.Select(p => x.Map(p.X)).ToList(), withBars, y, color);
        }
    }

    private static void DrawBars(Plot plot, ChartSeries s, SeriesStyle style, string label, int index, int count, AxisRange y)
    {
        var width = 0.8 / count;
        var offset = (index - ((count - 1) / 2.0)) * width;
        var color = Color.FromHex(style.Color);
        var bars = s.Points.Select(p => new Bar
        {
            Position = p.X + offset,
            Value = y.Map(p.Y),
            ValueBase = 0,
            Size = width * 0.92,
            FillColor = color,
            FillHatch = Hatch(style.Hatch),
            FillHatchColor = Colors.White.WithAlpha(0.6),
            LineColor = Colors.Black,
            LineWidth = 0.8f,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = label;
        var withBars = s.Points.Where(p => p.HasErrorBar).ToList();
        if (withBars.Count > 0)
        {
            AddErrorBars(plot, withBars.Select(p => p.X + offset).ToList(), withBars, y, Colors.Black);
        }
    }

    private static void AddErrorBars(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<ChartPoint> points, AxisRange y, Color color)
    {
        var ys = points.Select(p => y.Map(p.Y)).ToList();
        var up = points.Select((p, i) => y.Map(p.YUpper!.Value) - ys[i]).ToList();
        var down = points.Select((p, i) => ys[i] - y.Map(p.YLower!.Value)).ToList();
        var bars = new ErrorBar(xs, ys, null, null, down, up) { CapSize = 6, LineWidth = 1.2f };
        bars.LineStyle.Color = color;
        plot.PlottableList.Add(bars);
    }

    private static IHatch? Hatch(BarHatch hatch) => hatch switch
    {
        BarHatch.Striped => new ScottPlot.Hatches.Striped(),
        BarHatch.StripedUp => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp),
        BarHatch.Dots => new ScottPlot.Hatches.Dots(),
        BarHatch.DotsDense => new ScottPlot.Hatches.Dots(),
        BarHatch.Checker => new ScottPlot.Hatches.Checker(),
        BarHatch.Grid => new ScottPlot.Hatches.Grid(),
        BarHatch.Square => new ScottPlot.Hatches.Square(),
        _ => null,
    };

    private static void Axes(Plot plot, Chart chart, AxisRange x, AxisRange y)
    {
        plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
        plot.Axes.Left.TickGenerator = y.Scale == AxisScale.Log ? y.LogTicks() : Numeric(chart.YAxis.IntegerTicks);
        if (chart is BarChart bars)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, bars.Categories.Count).Select(i => (double)i).ToArray(), bars.Categories.ToArray());
            plot.Axes.Bottom.MinorTickStyle.Length = 0;
            plot.Grid.XAxisStyle.IsVisible = false;
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = x.Scale == AxisScale.Log ? x.LogTicks() : Numeric(chart.XAxis.IntegerTicks);
        }
    }

    private static ScottPlot.TickGenerators.NumericAutomatic Numeric(bool integers) => new()
    {
        IntegerTicksOnly = integers,
        LabelFormatter = ChartNumber.Tick,
    };
}
