using System.Globalization;
using JanTune.Core.Hardware;
using JanTune.Core.Telemetry;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary><c>jantune hw --watch</c>: one table redrawn in place every second until cancelled.</summary>
internal static class HwWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(IAnsiConsole console, CancellationToken token)
    {
        await using var sampler = TelemetrySampler.Start(new TelemetryOptions { Interval = Interval });
        var names = sampler.Sources;
        try
        {
            var previous = sampler.Latest;
            await console.Live(Build(previous, previous, names)).StartAsync(async live =>
            {
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(Interval, token);
                    var latest = sampler.Latest;
                    live.UpdateTarget(Build(previous, latest, names));
                    previous = latest;
                }
            });
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl-C is how a watch ends; the sampler is stopped by the using above.
        }

        console.MarkupLine("[grey]stopped[/]");
        return 0;
    }

    private static Table Build(TelemetrySample previous, TelemetrySample sample, IReadOnlyList<TelemetrySource> sources)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]jantune hw --watch[/] (Ctrl-C to stop)").AddColumns("Metric", "Value");
        var memory = HardwareDetector.DetectMemory();
        table.AddRow("CPU (all cores)", sample.CpuPercent is { } cpu ? Percent(cpu) : "[grey]measuring...[/]");
        table.AddRow("RAM used", $"{Bytes.GiB(memory.TotalBytes - memory.AvailableBytes)} of {Bytes.GiB(memory.TotalBytes)}");
        var nvml = sources.First(s => s.Name == "NVML");
        if (!nvml.Available)
        {
            table.AddRow("GPU", $"[yellow]unavailable:[/] {Markup.Escape(nvml.Detail)}");
        }

        foreach (var gpu in sample.Gpus)
        {
            table.AddRow(
                $"GPU {gpu.Index}",
                $"{(gpu.UtilizationPercent is { } u ? Percent(u) : "util n/a")}, " +
                $"{(gpu.MemoryUsedBytes is { } m ? Bytes.GiB(m) : "memory n/a")}, " +
                $"{(gpu.PowerWatts is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) + " W" : "power n/a")}");
        }

        var rapl = sources.First(s => s.Name == "RAPL");
        table.AddRow("CPU package power", rapl.Available ? PackagePower(previous, sample) : $"[yellow]unavailable:[/] {Markup.Escape(rapl.Detail)}");
        return table;
    }

    private static string PackagePower(TelemetrySample previous, TelemetrySample sample)
    {
        var seconds = (sample.Time - previous.Time).TotalSeconds;
        if (seconds <= 0 || previous.CpuEnergyMicroJoules is not { } before || sample.CpuEnergyMicroJoules is not { } after)
        {
            return "[grey]measuring...[/]";
        }

        // The counter range is not at hand here; a wrap shows as one blank tick rather than a wrong number.
        return after < before ? "[grey]measuring...[/]" : ((after - before) / 1e6 / seconds).ToString("0.0", CultureInfo.InvariantCulture) + " W";
    }

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
