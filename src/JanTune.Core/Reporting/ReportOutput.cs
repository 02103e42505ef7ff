namespace JanTune.Core.Reporting;

/// <summary>The files a report was written to.</summary>
public sealed record ReportOutput(string HtmlPath, IReadOnlyList<string> SvgPaths);
