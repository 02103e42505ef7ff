using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>One section of the report: its HTML body and the charts it drew (saved as standalone SVG, and PNG when asked, too). A section with no data is not built at all..</summary>
internal sealed record ReportSection(string Id, string Heading, IReadOnlyList<XElement> Body, IReadOnlyList<Chart> Charts);
