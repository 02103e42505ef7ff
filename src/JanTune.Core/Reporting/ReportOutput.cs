namespace JanTune.Core.Reporting;

/// <summary>The files a report was written to.</summary>
public sealed record ReportOutput(string HtmlPath, IReadOnlyList<string> SvgPaths)
{
    /// <summary>The charts as PNG, when asked for (`jantune report --png`); empty otherwise.</summary>
    public IReadOnlyList<string> PngPaths { get; init; } = [];
}
