using JanTune.Core.Reporting.Charts;

namespace JanTune.Core.Reporting;

/// <summary>A rendered report: the HTML text and every chart it inlines.</summary>
public sealed record ReportDocument(string Html, IReadOnlyList<Chart> Charts);
