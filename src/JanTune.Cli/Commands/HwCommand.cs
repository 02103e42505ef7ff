using System.CommandLine;
using System.Text.Json;
using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Core.Telemetry;

namespace JanTune.Cli.Commands;

/// <summary>
/// <c>jantune hw</c>: detects the machine, records its profile (profiles/&lt;id&gt;/hardware.json) and shows it;
/// <c>--json</c> prints the same as JSON, <c>--watch</c> shows live telemetry until Ctrl-C.
/// </summary>
internal sealed class HwCommand(IBackendProbe? probe = null) : ICliVerb
{
    public HwCommand()
        : this(null)
    {
    }

    public Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the hardware profile as JSON" };
        var watch = new Option<bool>("--watch") { Description = "Show CPU, RAM and GPU telemetry live until Ctrl-C" };
        var command = new Command("hw", "Show this machine's hardware, llama.cpp backends, profile id and telemetry sources");
        command.Options.Add(json);
        command.Options.Add(watch);
        command.SetAction((parse, token) => CliApp.RunAsync(
            context,
            parse,
            ct => parse.GetValue(watch) ? HwWatch.RunAsync(context.Console, ct) : Task.FromResult(Show(context, parse.GetValue(json))),
            token));
        return command;
    }

    private int Show(CliContext context, bool asJson)
    {
        var hardware = HardwareDetector.Detect((probe ?? new LlamaBackendProbe(context.Paths)).Probe());
        var registration = new HardwareProfileStore(context.Paths).Register(hardware);
        var report = new HwReport(hardware, registration.Profile.Id, registration.BuildChanged?.ToString(), TelemetrySampler.ProbeSources());
        if (asJson)
        {
            // Raw writer: Spectre would wrap long lines at the console width and break the JSON.
            context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, HardwareJson.Options));
        }
        else
        {
            HwView.Render(context.Console, report, registration.Created);
        }

        return 0;
    }
}
