using System.Text;
using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Draws a <see cref="Chart"/> with ScottPlot: SVG (inline in the report and standalone) and PNG. A chart with more
/// series than <see cref="MaxSeriesPerPanel"/> becomes small multiples, one panel per <see cref="ChartSeries.Panel"/>,
/// on shared axes. The same chart always gives the same SVG text on a machine with the same fonts.
/// </summary>
public static partial class ChartRenderer
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Series one legend may hold before the chart is split into panels.</summary>
    public const int MaxSeriesPerPanel = 5;

    /// <summary>
    /// The font every label is drawn in. DejaVu Sans ships with Debian (fonts-dejavu-core, which chromium pulls in), so
    /// the text metrics, and therefore the layout and the snapshot, are the same on every such machine.
    /// </summary>
    public const string FontName = "DejaVu Sans";

    private const int Width = 880;
    private const int SingleHeight = 440;
    private const int PanelHeight = 330;

    /// <summary>The family the font resolves to here; not <see cref="FontName"/> when it is missing and Skia substitutes.</summary>
    public static string ResolvedFont => SKFontManager.Default.MatchFamily(FontName)?.FamilyName ?? "none";

    /// <summary>The chart as an inline SVG element: class "chart", its id, a title, a viewBox, ids made unique to the chart.</summary>
    public static XElement Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var (multiplot, width, height) = Build(chart);

        // ScottPlot renders a plot a second time when its first render moved the layout (legend and tick sizes): on
        // an SVG canvas both passes would stay in the document. A raster pass first settles the layout.
        using (var settle = SKSurface.Create(new SKImageInfo(width, height)))
        {
            multiplot.Render(settle);
        }

        using var stream = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }

        using var data = stream.DetachAsData();
        var svg = XElement.Parse(Encoding.UTF8.GetString(data.Span));
        return Decorate(svg, chart, width, height);
    }

    /// <summary>A standalone SVG document of the chart.</summary>
    public static string ToSvgDocument(Chart chart) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + Render(chart).ToString(SaveOptions.None).ReplaceLineEndings("\n") + "\n";

    /// <summary>The chart as a PNG image, for READMEs and issues.</summary>
    public static byte[] ToPng(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var (multiplot, width, height) = Build(chart);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        multiplot.Render(surface);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    // Skia names its clip paths from a process-wide counter (cl_4, then cl_e2 in a later chart), so the same chart
    // would give other ids on every render, and two charts inlined in one page could share one. Renumbering them in
    // document order under the chart's id makes the text deterministic and the ids unique in the page.
    private static XElement Decorate(XElement svg, Chart chart, int width, int height)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in svg.DescendantsAndSelf().Where(e => e.Attribute("id") is not null))
        {
            var id = e.Attribute("id")!;
            ids[id.Value] = $"{chart.Id}-clip{ids.Count + 1}";
            id.Value = ids[id.Value];
        }

        foreach (var a in svg.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.Value.StartsWith("url(#", StringComparison.Ordinal)))
        {
            var target = a.Value[5..^1];
            a.Value = ids.TryGetValue(target, out var renamed) ? $"url(#{renamed})" : a.Value;
        }

        // The xlink namespace is declared but never used; declared, the page would name a second URL.
        svg.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == "http://www.w3.org/1999/xlink").Remove();
        svg.SetAttributeValue("id", "chart-" + chart.Id);
        svg.SetAttributeValue("class", "chart");
        svg.SetAttributeValue("viewBox", $"0 0 {width} {height}");
        svg.SetAttributeValue("role", "img");
        svg.SetAttributeValue("aria-label", chart.Title);
        svg.AddFirst(new XElement(Svg + "title", chart.Title));
        return svg;
    }
}
