using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>One section of the report: its HTML body and the charts it drew (saved as standalone SVG too).</summary>
internal sealed record ReportSection(string Id, string Heading, IReadOnlyList<XElement> Body, IReadOnlyList<Chart> Charts)
{
    public static ReportSection NotMeasured(string id, string heading, string what) =>
        new(id, heading, [Html.Note($"Not measured in this sweep: {what}.")], []);
}
