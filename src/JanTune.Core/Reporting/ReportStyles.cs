namespace JanTune.Core.Reporting;

/// <summary>The report's inline stylesheet: system fonts only, nothing fetched. No angle brackets or ampersands, so it survives XML text escaping unchanged.</summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #222; background: #f6f6f4; margin: 0; line-height: 1.45; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
        h1 { font-size: 26px; margin: 8px 0 4px; }
        h2 { font-size: 20px; margin-top: 40px; padding-bottom: 4px; border-bottom: 2px solid #0072B2; }
        h3 { font-size: 16px; margin-top: 24px; }
        .subtitle { color: #555; margin-top: 0; }
        nav ol { columns: 2; padding-left: 20px; }
        nav a, figcaption a { color: #0072B2; }
        figure { margin: 20px 0; }
        figcaption { color: #444; font-size: 14px; margin-top: 4px; }
        svg.chart { max-width: 100%; height: auto; display: block; border: 1px solid #e5e5e5; }
        .note { color: #666; font-style: italic; }
        p.lead { font-size: 17px; background: #eef5fa; border-left: 4px solid #0072B2; padding: 8px 12px; }
        details.data { margin-top: 4px; font-size: 13px; }
        details.data summary { cursor: pointer; color: #0072B2; }
        table.effects td:nth-child(5), table.effects td:nth-child(7) { text-align: right; font-variant-numeric: tabular-nums; }
        table { border-collapse: collapse; margin: 12px 0; font-size: 14px; }
        th, td { border-bottom: 1px solid #e2e2e2; padding: 4px 10px; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; }
        table.kv th { font-weight: 600; width: 200px; }
        table.numbers td:nth-child(3) { text-align: right; font-variant-numeric: tabular-nums; }
        table.failures td:last-child { color: #a33; }
        code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 13px; }
        """;
}
