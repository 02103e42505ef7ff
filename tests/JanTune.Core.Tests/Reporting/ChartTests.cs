using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Tests.Snapshots;

namespace JanTune.Core.Tests.Reporting;

public sealed class ChartTests
{
    private static readonly XNamespace S = ChartRenderer.Svg;

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
    public void Render_Font_IsTheSnapshotFont()
    {
        // The snapshots hold text positions measured in this font: without it Skia substitutes and every one differs.
        Assert.True(ChartRenderer.ResolvedFont == ChartRenderer.FontName, $"font '{ChartRenderer.FontName}' resolves to '{ChartRenderer.ResolvedFont}': install fonts-dejavu-core (scripts/test.sh does)");
    }

    [Fact]
    public void ToSvgDocument_LineChartWithErrorBarsAndMarker_MatchesSnapshot()
    {
        // Given two series with ± sd bars and an output-layer marker, When drawn by ScottPlot, Then the SVG is the reviewed one
        var chart = Line(
            new ChartSeries("cpu", [Point(0, 24, 1.2), Point(12, 40, 2), Point(23, 61, 3)]),
            new ChartSeries("cuda", [Point(0, 25, 1), Point(12, 48, 2.5), Point(23, 400, 9)])) with
        {
            Annotations = [new ChartAnnotation(23, "output layer on GPU (NGL 23)")],
        };
        Snapshot.Verify("chart-line", "svg", ChartRenderer.ToSvgDocument(chart));
    }

    [Fact]
    public void ToSvgDocument_GroupedBars_MatchesSnapshot()
    {
        var chart = new BarChart
        {
            Id = "bars",
            Title = "best speed per quantization",
            XAxis = new ChartAxis("quantization", string.Empty),
            YAxis = new ChartAxis("generation speed", "tokens/s"),
            Categories = ["q4_0", "q8_0"],
            Series = [new ChartSeries("cpu", [Point(0, 24, 1), Point(1, 17, 0.8)]), new ChartSeries("cuda", [Point(0, 400, 9), Point(1, 340, 7)])],
        };
        Snapshot.Verify("chart-bars", "svg", ChartRenderer.ToSvgDocument(chart));
    }

    [Fact]
    public void Render_SameChartTwice_SameSvgText()
    {
        var chart = Line(new ChartSeries("cuda", [Point(0, 20, 1), Point(22, 30, 1)]));
        Assert.Equal(ChartRenderer.ToSvgDocument(chart), ChartRenderer.ToSvgDocument(chart));
    }

    [Fact]
    public void Render_WideRange_LogAxisLabelledWithOriginalValues()
    {
        // Given speeds 44x apart (more than 10^1.5), When rendered, Then the y axis says log scale and its ticks read 10, 100
        var texts = Texts(ChartRenderer.Render(Line(new ChartSeries("cuda", [new ChartPoint(0, 9), new ChartPoint(23, 400)]))));
        Assert.Contains("speed (tokens/s), log scale", texts);
        Assert.Contains("10", texts);
        Assert.Contains("100", texts);
    }

    [Fact]
    public void Render_ManySeriesWithPanels_OnePanelPerBackend()
    {
        // Given 6 series over 3 backends (more than a legend should hold), When rendered, Then each backend gets a titled panel
        var series = new[] { "cpu", "cuda", "vulkan" }
            .SelectMany(b => new[] { "q4_0", "q8_0" }.Select(q => new ChartSeries(q, [new ChartPoint(0, 10), new ChartPoint(8, 20)]) { Panel = b }))
            .ToList();
        var texts = Texts(ChartRenderer.Render(Line([.. series])));
        Assert.Contains("test chart: cpu", texts);
        Assert.Contains("test chart: cuda", texts);
        Assert.Contains("test chart: vulkan", texts);
        Assert.Equal(3, texts.Count(t => t == "q8_0"));
    }

    [Fact]
    public void Render_FewSeriesWithPanels_OnePanelWithFullNames()
    {
        var texts = Texts(ChartRenderer.Render(Line(new ChartSeries("q4_0", [new ChartPoint(0, 10)]) { Panel = "cuda" }, new ChartSeries("cpu", [new ChartPoint(0, 5)]) { Panel = "cpu" })));
        Assert.Contains("cuda q4_0", texts);
        Assert.Contains("cpu", texts);
        Assert.DoesNotContain("test chart: cuda", texts);
    }

    [Fact]
    public void Render_TwoChartsInOnePage_IdsDoNotCollide()
    {
        // Skia numbers clip paths from 1 in every document; inline, two charts must not share an id
        var a = ChartRenderer.Render(Line(new ChartSeries("a", [new ChartPoint(0, 1), new ChartPoint(1, 2)])) with { Id = "one" });
        var b = ChartRenderer.Render(Line(new ChartSeries("b", [new ChartPoint(0, 1), new ChartPoint(1, 2)])) with { Id = "two" });
        var ids = a.Descendants().Concat(b.Descendants()).Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var refs = b.Descendants().Select(e => (string?)e.Attribute("clip-path")).OfType<string>().ToList();
        Assert.All(refs, r => Assert.StartsWith("url(#two-", r, StringComparison.Ordinal));
    }

    [Fact]
    public void ToSvgDocument_MarkupInSeriesName_EscapedAndRoundTrips()
    {
        // Given a series name full of markup characters, When rendered, Then the document parses and the name survives intact
        const string Name = "a<b & \"c\"";
        var text = ChartRenderer.ToSvgDocument(Line(new ChartSeries(Name, [new ChartPoint(1, 2), new ChartPoint(2, 3)]), new ChartSeries("other", [new ChartPoint(1, 1)])));
        Assert.DoesNotContain("a<b", text, StringComparison.Ordinal);
        Assert.Contains(Texts(XDocument.Parse(text).Root!), t => t == Name);
    }

    [Fact]
    public void ToPng_Chart_PngSignature()
    {
        var png = ChartRenderer.ToPng(Line(new ChartSeries("cuda", [new ChartPoint(0, 20), new ChartPoint(22, 30)])));
        Assert.True(png.Length > 5_000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public void StyleAt_FirstEightSeries_DistinctInGrayscale()
    {
        // Given the palette, When eight series are styled, Then marker shapes and bar hatches alone tell them apart
        var styles = Enumerable.Range(0, ChartPalette.DistinctStyles).Select(ChartPalette.StyleAt).ToList();
        Assert.Equal(styles.Count, styles.Select(s => s.Marker).Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.Hatch).Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.Color).Distinct().Count());
    }

    private static ChartPoint Point(double x, double y, double sd) => new(x, y) { YLower = y - sd, YUpper = y + sd };

    private static LineChart Line(params ChartSeries[] series) => new()
    {
        Id = "t",
        Title = "test chart",
        XAxis = new ChartAxis("GPU layers", "NGL") { Scale = AxisScale.Linear, IntegerTicks = true },
        YAxis = new ChartAxis("speed", "tokens/s") { IncludeZero = true },
        Series = series,
    };

    // ScottPlot writes each label as one <text> element (glyph positions in its x attribute).
    private static List<string> Texts(XElement svg) =>
        svg.Descendants(S + "text").Select(t => t.Value.Trim()).ToList();
}
