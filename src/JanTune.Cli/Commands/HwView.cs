using JanTune.Core.Hardware;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>Renders <see cref="HwReport"/> as tables: machine, devices per backend, telemetry sources.</summary>
internal static class HwView
{
    public static void Render(IAnsiConsole console, HwReport report, bool profileCreated)
    {
        var hw = report.Hardware;
        var machine = new Table().Border(TableBorder.Rounded).Title("[bold]Hardware[/]").AddColumn("").AddColumn("");
        machine.HideHeaders();
        Row(machine, "CPU", $"{hw.Cpu.Model} ({hw.Cpu.Vendor}, {hw.Cpu.Architecture})");
        Row(machine, "Cores", $"{hw.Cpu.PhysicalCores} physical, {hw.Cpu.LogicalCores} logical");
        Row(machine, "ISA extensions", hw.Cpu.Extensions.Count == 0 ? "none detected" : string.Join(' ', hw.Cpu.Extensions));
        Row(machine, "RAM", $"{Bytes.GiB(hw.Memory.TotalBytes)} total, {Bytes.GiB(hw.Memory.AvailableBytes)} available (class {HardwareFingerprint.RamClassGiB(hw.Memory.TotalBytes)} GiB)");
        Row(machine, "OS", $"{hw.Os.Name}, kernel {hw.Os.Kernel}");
        Row(machine, "ggml CPU variant", hw.CpuVariant ?? "none loaded");
        Row(machine, "llama.cpp build", hw.LlamaBuild ?? "no backend loaded");
        Row(machine, "Profile", $"{report.ProfileId} ({(profileCreated ? "new, written" : "known")}: profiles/{report.ProfileId}/hardware.json)");
        console.Write(machine);
        if (report.BuildChanged is not null)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(report.BuildChanged)}");
        }

        console.Write(Devices(hw));
        console.Write(Sources(report));
    }

    private static Table Devices(HardwareInfo hw)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Devices[/]")
            .AddColumns("Backend", "Device", "Description", "Type", "Free", "Total");
        foreach (var device in hw.Backends.SelectMany(b => b.Devices.Select(d => (b.Backend, d))))
        {
            table.AddRow(
                Markup.Escape(device.Backend), Markup.Escape(device.d.Name), Markup.Escape(device.d.Description),
                device.d.Type.ToString().ToLowerInvariant(), Bytes.GiB(device.d.FreeBytes), Bytes.GiB(device.d.TotalBytes));
        }

        if (table.Rows.Count == 0)
        {
            table.AddRow("[yellow]no backend loaded[/]", "", "", "", "", "");
        }

        return table;
    }

    private static Table Sources(HwReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Telemetry sources[/]").AddColumns("Source", "Measures", "Status");
        foreach (var source in report.Telemetry)
        {
            var status = source.Available
                ? $"[green]available[/] {Markup.Escape(source.Detail)}"
                : $"[yellow]unavailable:[/] {Markup.Escape(source.Detail)}";
            table.AddRow(Markup.Escape(source.Name), Markup.Escape(source.Measures), status);
        }

        return table;
    }

    private static void Row(Table table, string key, string value) => table.AddRow($"[bold]{key}[/]", Markup.Escape(value));
}
