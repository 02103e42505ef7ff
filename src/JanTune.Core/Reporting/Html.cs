using System.Text;
using System.Xml;
using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>
/// Small HTML building blocks over System.Xml.Linq: text goes in as content, so the writer escapes it.
/// </summary>
internal static class Html
{
    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "img", "link", "col", "input"];

    public static XElement El(string name, params object?[] content) => new(name, content);

    public static XElement Note(string text) => El("p", new XAttribute("class", "note"), text);

    /// <summary>
    /// The chart inline as SVG, its caption with links to the standalone files, and the exact numbers behind every
    /// mark in a collapsed table (an SVG drawn by ScottPlot has no per-mark hover text).
    /// </summary>
    public static XElement Figure(Chart chart, string svgFile, string? pngFile, string caption) =>
        El(
            "figure",
            new XAttribute("id", "figure-" + chart.Id),
            ChartRenderer.Render(chart),
            El(
                "figcaption",
                caption + " ",
                El("a", new XAttribute("href", svgFile), "(SVG)"),
                pngFile is null ? null : new object[] { " ", El("a", new XAttribute("href", pngFile), "(PNG)") }),
            DataTable(chart));

    /// <summary>Every point of a chart: series, x, y, the error bar's ends and what the point stands for.</summary>
    public static XElement DataTable(Chart chart)
    {
        var categories = (chart as BarChart)?.Categories;
        string X(ChartPoint p) => categories is not null && p.X >= 0 && p.X < categories.Count && p.X == Math.Floor(p.X)
            ? categories[(int)p.X]
            : ChartNumber.Value(p.X);
        var points = chart.Series.SelectMany(s => s.Points.Select(p => (s, p))).ToList();
        var rows = points.Select(x => (IReadOnlyList<object>)
        [
            x.s.FullName, X(x.p), ChartNumber.Value(x.p.Y),
            x.p.HasErrorBar ? $"{ChartNumber.Value(x.p.YLower!.Value)} to {ChartNumber.Value(x.p.YUpper!.Value)}" : "-",
            x.p.Note ?? string.Empty,
        ]);
        return El(
            "details",
            new XAttribute("class", "data"),
            El("summary", $"Data: {points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} points"),
            Table(["Series", chart.XAxis.Label, chart.YAxis.Label, "bar (mean ± sd)", "Configuration"], rows, "numbers"));
    }

    public static XElement Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object>> rows, string? cssClass = null) =>
        El(
            "table",
            cssClass is null ? null : new XAttribute("class", cssClass),
            El("thead", El("tr", headers.Select(h => El("th", h)))),
            El("tbody", rows.Select(r => El("tr", r.Select(c => El("td", c))))));

    public static XElement KeyValues(IEnumerable<(string Key, string Value)> rows) =>
        El("table", new XAttribute("class", "kv"), El("tbody", rows.Select(r => El("tr", El("th", r.Key), El("td", r.Value)))));

    /// <summary>Serializes as HTML5: doctype, no XML declaration, explicit end tags on every non-void element.</summary>
    public static string Serialize(XElement html)
    {
        foreach (var e in html.DescendantsAndSelf().Where(e => e.IsEmpty && e.Name.Namespace == XNamespace.None && !VoidElements.Contains(e.Name.LocalName)))
        {
            // "<div />" opens a div that never closes in an HTML parser.
            e.Value = string.Empty;
        }

        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        var sb = new StringBuilder("<!DOCTYPE html>\n");
        using (var writer = XmlWriter.Create(sb, settings))
        {
            html.Save(writer);
        }

        return sb.Append('\n').ToString();
    }
}
