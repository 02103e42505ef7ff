using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>The names of a report's chart files: &lt;report&gt;-&lt;chart&gt;.svg, and .png when PNGs are written.</summary>
internal sealed record ChartFiles(string ReportName, bool Png)
{
    public string Svg(Chart chart) => $"{ReportName}-{chart.Id}.svg";

    public string PngFile(Chart chart) => $"{ReportName}-{chart.Id}.png";

    public XElement Figure(Chart chart, string caption) => Html.Figure(chart, Svg(chart), Png ? PngFile(chart) : null, caption);
}
