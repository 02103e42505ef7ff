using System.Text;
using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>
/// Turns sweep results into one self-contained HTML page (inline SVG drawn by ScottPlot and CSS, no script, no
/// network) plus every chart as a standalone SVG, and PNG on request, beside it. The same input always gives the same bytes.
/// </summary>
public sealed class ReportBuilder
{
    /// <summary>
    /// Renders the report in memory; <paramref name="name"/> is the file stem the chart links use, and
    /// <paramref name="png"/> whether the captions link PNG files too (<see cref="Write"/> writes them).
    /// </summary>
    public ReportDocument Build(ReportInput input, string name = "report", bool png = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Every section but the engine comparison reads the npm engine's trials: the build the recommendation is for.
        var view = new TrialView([.. input.Results.Where(r => r.Config.Engine == Sweeps.SweepEngine.Npm)]);
        var files = new ChartFiles(name, png);
        var sections = new[]
        {
            ReportSections.Findings(view),
            ReportSections.Recommendation(input.Recommendation, view, input.Predictions),
            ReportSections.Hardware(input.Hardware, view),
            ReportSections.Offload(view, files),
            ReportSections.Memory(view, files),
            ReportSections.Threads(view, files),
            ReportSections.Experts(view, files),
            ReportSections.Engines(input.Results),
            ReportSections.Quantization(view, files),
            ReportSections.Split(view, files),
            ReportSections.Batching(view, files),
            ReportSections.Energy(view, files),
            ReportSections.Predictions(view, input.Predictions, files),
            ReportSections.Pareto(view, files),
            ReportSections.Failures(new TrialView(input.Results)),
        }.OfType<ReportSection>().ToList();

        var title = $"JanTune report: {input.Hardware.ProfileId}";
        var subtitle = $"{ReportFormat.Int(view.Measured.Count)} measured trials of {ReportFormat.Int(input.Results.Count)}"
            + (input.GeneratedAt is { } at ? ", generated " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        var html = Html.El(
            "html",
            new XAttribute("lang", "en"),
            Html.El(
                "head",
                Html.El("meta", new XAttribute("charset", "utf-8")),
                Html.El("meta", new XAttribute("name", "viewport"), new XAttribute("content", "width=device-width, initial-scale=1")),
                Html.El("title", title),
                Html.El("style", ReportStyles.Css)),
            Html.El(
                "body",
                Html.El(
                    "main",
                    Html.El("h1", title),
                    Html.El("p", new XAttribute("class", "subtitle"), subtitle),
                    Html.El("nav", Html.El("ol", sections.Select(s => Html.El("li", Html.El("a", new XAttribute("href", "#" + s.Id), s.Heading))))),
                    sections.Select(s => Html.El("section", new XAttribute("id", s.Id), Html.El("h2", s.Heading), s.Body)))));
        return new ReportDocument(Html.Serialize(html), sections.SelectMany(s => s.Charts).ToList());
    }

    /// <summary>
    /// Writes <c>&lt;reportsDir&gt;/&lt;profile&gt;/&lt;name&gt;.html</c> and <c>&lt;name&gt;-&lt;chart&gt;.svg</c> beside it,
    /// and <c>&lt;name&gt;-&lt;chart&gt;.png</c> when <paramref name="png"/> is set.
    /// </summary>
    public ReportOutput Write(ReportInput input, string reportsDir, string name, bool png = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportsDir);
        CheckFileName(name, "report name");
        CheckFileName(input.Hardware.ProfileId, "profile id");

        var doc = Build(input, name, png);
        var files = new ChartFiles(name, png);
        var dir = Path.Combine(reportsDir, input.Hardware.ProfileId);
        Directory.CreateDirectory(dir);
        var svgs = new List<string>();
        var pngs = new List<string>();
        foreach (var chart in doc.Charts)
        {
            var svgPath = Path.Combine(dir, files.Svg(chart));
            File.WriteAllText(svgPath, ChartRenderer.ToSvgDocument(chart), new UTF8Encoding(false));
            svgs.Add(svgPath);
            if (png)
            {
                var pngPath = Path.Combine(dir, files.PngFile(chart));
                File.WriteAllBytes(pngPath, ChartRenderer.ToPng(chart));
                pngs.Add(pngPath);
            }
        }

        var htmlPath = Path.Combine(dir, name + ".html");
        File.WriteAllText(htmlPath, doc.Html, new UTF8Encoding(false));
        return new ReportOutput(htmlPath, svgs) { PngPaths = pngs };
    }

    // Both become path segments: a slash or ".." would write outside the reports folder.
    private static void CheckFileName(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value is "." or ".." || value.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || value.Contains('\\', StringComparison.Ordinal))
        {
            throw new JanTuneException($"{what} '{value}' cannot be used as a file name", "use letters, digits, '-' and '_'");
        }
    }
}
