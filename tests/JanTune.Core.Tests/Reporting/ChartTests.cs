using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Tests.Reporting;

public sealed class ChartTests
{
    private static readonly XNamespace S = SvgChartRenderer.Svg;

    [Theory]
    [InlineData(0, 97, new[] { 0.0, 20, 40, 60, 80, 100 })]
    [InlineData(0.12, 0.83, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(0, 23, new[] { 0.0, 5, 10, 15, 20, 25 })]
    public void Linear_Range_NiceStepsCoveringTheData(double min, double max, double[] expected)
    {
        // Given a data range, When ticks are generated, Then they step by 1, 2, 2.5 or 5 x 10^k and enclose the range
        var ticks = NiceTicks.Linear(min, max);
        Assert.Equal(expected, ticks);
    }

    [Fact]
    public void Linear_IntegerMinStep_NoFractionalTicks()
    {
        // Given threads 1..2, When ticks need whole numbers, Then no 1.2 threads appears
        Assert.Equal(new[] { 1.0, 2 }, NiceTicks.Linear(1, 2, 6, minStep: 1));
    }

    [Fact]
    public void Log_ThreeDecades_PowersOfTenWithTwoAndFive()
    {
        // Given 24 to 9000 tokens/s, When log ticks are generated, Then decades enclose it, with 2 and 5 between
        var ticks = NiceTicks.Log(24, 9000);
        Assert.Equal(10, ticks[0]);
        Assert.Equal(10000, ticks[^1]);
        Assert.Contains(200, ticks);
        Assert.Contains(5000, ticks);
    }

    [Theory]
    [InlineData(new[] { 9.0, 400 }, AxisScale.Log)]
    [InlineData(new[] { 24.0, 800 }, AxisScale.Log)]
    [InlineData(new[] { 24.0, 700 }, AxisScale.Linear)]
    [InlineData(new[] { 0.0, 9000 }, AxisScale.Linear)]
    [InlineData(new[] { -1.0, 9000 }, AxisScale.Linear)]
    public void Choose_Auto_LogOnlyBeyondOneAndAHalfDecadesOfPositiveData(double[] values, AxisScale expected)
    {
        // Given values, When the scale is automatic, Then log is chosen only when max/min > 10^1.5 and all are positive
        Assert.Equal(expected, ScaleChooser.Choose(AxisScale.Auto, values));
    }

    [Fact]
    public void Choose_Explicit_Respected()
    {
        Assert.Equal(AxisScale.Linear, ScaleChooser.Choose(AxisScale.Linear, [1, 1e6]));
    }

    [Fact]
    public void Render_PointsWithCi_ErrorBarsWithBoundsAndHoverTitles()
    {
        // Given a series with confidence intervals, When rendered, Then each point has an error bar carrying its bounds
        var svg = SvgChartRenderer.Render(Line(new ChartSeries("cuda", [new ChartPoint(0, 24) { YLower = 22, YUpper = 26 }, new ChartPoint(23, 400) { YLower = 390, YUpper = 410 }])));
        var bars = svg.Descendants(S + "path").Where(e => (string?)e.Attribute("class") == "errorbar").ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal("390.0", (string?)bars[1].Attribute("data-lower"));
        Assert.Equal("410.0", (string?)bars[1].Attribute("data-upper"));
        Assert.All(MarksOf(svg), m => Assert.NotNull(m.Element(S + "title")));
        Assert.Contains("bar 390.0 to 410.0", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WideRange_LogScaleChosenAndLabelled()
    {
        // Given speeds 44x apart (more than 10^1.5), When rendered, Then the y axis is log and says so
        var svg = SvgChartRenderer.Render(Line(new ChartSeries("cuda", [new ChartPoint(0, 9), new ChartPoint(23, 400)])));
        Assert.Equal("log", (string?)svg.Attribute("data-y-scale"));
        Assert.Contains("log scale", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvgDocument_MarkupInSeriesName_EscapedAndRoundTrips()
    {
        // Given a series name full of markup characters, When rendered, Then the document parses and the name survives intact
        const string Name = "a<b & \"c\"";
        var text = SvgChartRenderer.ToSvgDocument(Line(new ChartSeries(Name, [new ChartPoint(1, 2), new ChartPoint(2, 3)])));
        Assert.DoesNotContain("a<b", text, StringComparison.Ordinal);
        Assert.Contains("a&lt;b &amp;", text, StringComparison.Ordinal);
        var parsed = XDocument.Parse(text);
        Assert.Contains(parsed.Descendants(S + "text"), t => t.Value == Name);
        Assert.Contains(parsed.Descendants(S + "g"), g => (string?)g.Attribute("data-series") == Name);
    }

    [Fact]
    public void StyleAt_FirstEightSeries_DistinctInGrayscale()
    {
        // Given the palette, When eight series are styled, Then marker shapes and dash patterns alone tell them apart
        var styles = Enumerable.Range(0, ChartPalette.DistinctStyles).Select(ChartPalette.StyleAt).ToList();
        Assert.Equal(styles.Count, styles.Select(s => s.Marker).Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.DashArray).Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.Color).Distinct().Count());
    }

    [Fact]
    public void Render_TwoSeries_DifferentMarkerShapesInMarksAndLegend()
    {
        var svg = SvgChartRenderer.Render(Line(new ChartSeries("cpu", [new ChartPoint(0, 20)]), new ChartSeries("cuda", [new ChartPoint(0, 30)])));
        var shapes = MarksOf(svg).Select(m => (string?)m.Attribute("data-marker")).Distinct().ToList();
        Assert.Equal(2, shapes.Count);
        Assert.Equal(2, svg.Descendants(S + "g").Count(g => (string?)g.Attribute("class") == "legend-item"));
    }

    [Fact]
    public void Render_Annotation_VerticalLineWithLabel()
    {
        var chart = Line(new ChartSeries("cuda", [new ChartPoint(0, 20), new ChartPoint(22, 30)])) with { Annotations = [new ChartAnnotation(23, "output layer")] };
        var svg = SvgChartRenderer.Render(chart);
        var line = svg.Descendants(S + "line").Single(l => (string?)l.Attribute("class") == "annotation-line");
        Assert.Equal(line.Attribute("x1")!.Value, line.Attribute("x2")!.Value);
        Assert.Contains(svg.Descendants(S + "text"), t => t.Value == "output layer");
    }

    [Fact]
    public void Render_BarChart_OneRectPerPointWithZeroBaseline()
    {
        var chart = new BarChart
        {
            Id = "bars",
            Title = "size",
            XAxis = new ChartAxis("quantization", string.Empty),
            YAxis = new ChartAxis("file size", "GiB"),
            Categories = ["q4_0", "q8_0"],
            Series = [new ChartSeries("file", [new ChartPoint(0, 0.59), new ChartPoint(1, 1.09)])],
        };
        var svg = SvgChartRenderer.Render(chart);
        Assert.Equal(2, svg.Descendants(S + "rect").Count(r => ((string?)r.Attribute("class"))?.StartsWith("mark", StringComparison.Ordinal) == true));
        Assert.Contains(svg.Descendants(S + "text"), t => (string?)t.Attribute("class") == "tick-label" && t.Value.Trim('0', '.').Length == 0);
    }

    private static LineChart Line(params ChartSeries[] series) => new()
    {
        Id = "t",
        Title = "test chart",
        XAxis = new ChartAxis("GPU layers", "NGL") { IntegerTicks = true },
        YAxis = new ChartAxis("speed", "tokens/s"),
        Series = series,
    };

    private static IEnumerable<XElement> MarksOf(XElement svg) =>
        svg.Descendants().Where(e => (string?)e.Attribute("class") == "mark");
}
