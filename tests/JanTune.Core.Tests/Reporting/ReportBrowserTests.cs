using JanTune.Core.Reporting;
using Microsoft.Playwright;

namespace JanTune.Core.Tests.Reporting;

/// <summary>Opens the generated report in a real headless Chromium (Debian's, never a downloaded one).</summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Report_OpenedInChromium_RendersEveryScottPlotChartWithoutConsoleErrors()
    {
        // Given the report of the fixed sweep written to disk
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium` (CI installs it the same way)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var dir = Path.Combine(AppContext.BaseDirectory, "report-browser");
        var output = new ReportBuilder().Write(ReportFixture.Input, dir, "report", png: true);

        // When Chromium opens it
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(output.HtmlPath).AbsoluteUri);

        // Then it renders offline, without errors, every chart has drawn marks and a data table, and no id repeats
        // (each ScottPlot SVG numbers its clip paths from 1; a repeated id would clip one chart to another's frame)
        Assert.Empty(errors);
        Assert.All(requests, u => Assert.StartsWith("file://", u, StringComparison.Ordinal));
        var charts = await page.QuerySelectorAllAsync("svg.chart");
        Assert.True(charts.Count >= 10, $"expected the fixed sweep's charts, found {charts.Count}");
        foreach (var chart in charts)
        {
            var id = await chart.GetAttributeAsync("id");
            var marks = await chart.EvaluateAsync<int>("svg => svg.querySelectorAll('path').length");
            Assert.True(marks > 10, $"chart {id} drew {marks} paths");
            var rows = await chart.EvaluateAsync<int>("svg => svg.closest('figure').querySelectorAll('details.data tbody tr').length");
            Assert.True(rows > 0, $"chart {id} has no data table");
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 200 }, $"chart {id} has no visible size");
        }

        var duplicates = await page.EvaluateAsync<string[]>("() => { const seen = {}; return [...document.querySelectorAll('[id]')].map(e => e.id).filter(i => (seen[i] = (seen[i] || 0) + 1) === 2); }");
        Assert.Empty(duplicates);
        Assert.Equal("findings", await page.EvaluateAsync<string>("() => document.querySelector('section').id"));

        // And every chart's PNG beside it opens as an image of the chart's size
        var png = await browser.NewPageAsync();
        await png.GotoAsync(new Uri(output.PngPaths[0]).AbsoluteUri);
        Assert.True(await png.EvaluateAsync<int>("() => document.images[0].naturalWidth") >= 800);

        var screenshot = Path.Combine(dir, "report.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Timeout = 180_000 }); // slow on a shared 2-core machine
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
