using System.CommandLine;
using JanTune.Core.Reporting;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune report`: renders the sweep results of a hardware profile as HTML with ScottPlot charts (inline SVG; PNG files with --png).</summary>
internal sealed class ReportCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var profile = new Option<string?>("--profile") { Description = "Hardware profile id (default: the only one with results)" };
        var outDir = new Option<string?>("--out") { Description = "Reports folder (default: <workspace>/reports); the report goes in <out>/<profile>/" };
        var name = new Option<string>("--name") { Description = "File name of the report, without extension", DefaultValueFactory = _ => "report" };
        var results = new Option<string?>("--results") { Description = "Report a JSON array of trial results instead of the results store" };
        var png = new Option<bool>("--png") { Description = "Also write every chart as PNG beside the report (for READMEs and issues)" };
        var cmd = new Command("report", "Render sweep results as a self-contained HTML report: the measured effect of each axis, ranked, then ScottPlot charts (CPU vs GPU offload, memory, threads, quantizations, energy, predictions); --png also writes them as PNG.");
        cmd.Options.Add(profile);
        cmd.Options.Add(outDir);
        cmd.Options.Add(name);
        cmd.Options.Add(results);
        cmd.Options.Add(png);
        cmd.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var resultsFile = parse.GetValue(results);
            IReportSource source = resultsFile is not null ? new JsonResultsReportSource(resultsFile) : new StoreReportSource(context.Paths);
            var input = source.Load(parse.GetValue(profile)) with { GeneratedAt = TimeProvider.System.GetUtcNow() };
            if (input.Recommendation is { Source: { } said } shown)
            {
                context.Console.MarkupLine($"[grey]{Markup.Escape(said)}[/]");
                if (shown.Warning is { } warning)
                {
                    context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
                }
            }

            var output = new ReportBuilder().Write(input, parse.GetValue(outDir) ?? context.Paths.ReportsDir, parse.GetValue(name)!, parse.GetValue(png));
            var files = output.PngPaths.Count > 0 ? "SVG and PNG" : "SVG";
            context.Console.MarkupLine($"[green]report:[/] {Markup.Escape(output.HtmlPath)} ({output.SvgPaths.Count} charts also saved as {files} beside it)");
            return 0;
        }));
        return cmd;
    }
}
