using System.Globalization;
using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>One line per event, for runs whose length is not known up front (an adaptive sweep), where a bar would lie.</summary>
internal sealed class ConsoleLogObserver(IAnsiConsole console) : ISweepObserver
{
    public void Planned(IReadOnlyList<PlannedTrial> pending, int alreadyStored)
    {
    }

    public void Started(PlannedTrial trial) =>
        console.MarkupLine($"[grey]measuring {Markup.Escape(ReportFormat.Config(trial.Config))} {trial.Test.Name}[/]");

    public void Finished(PlannedTrial trial, TrialResult result) =>
        console.MarkupLine(result.Stats is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"  {trial.Test.Name}: [green]{s.Mean:F1} t/s[/] ± {s.StdDev:F1} (n={s.N})") + (s.IsRankable ? string.Empty : " [yellow]too noisy to rank[/]")
            : $"  {trial.Test.Name}: [red]failed[/] {Markup.Escape(result.Error ?? string.Empty)}");

    public void Skipped(PlannedTrial trial, string reason) =>
        console.MarkupLine($"  [yellow]skipped[/] {trial.Test.Name}: {Markup.Escape(reason)}");

    public void Log(string line) => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
}
