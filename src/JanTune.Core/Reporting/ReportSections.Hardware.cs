using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>The report's sections; each returns null when the sweep holds no data for it, and the report leaves it out.</summary>
internal static partial class ReportSections
{
    private const string Unknown = "not recorded";

    public static ReportSection Hardware(HardwareSummary hw, TrialView view)
    {
        var failed = view.All.Count(r => r.Status == TrialStatus.Failed);
        var skipped = view.All.Count(r => r.Status == TrialStatus.Skipped);
        var rows = new List<(string, string)>
        {
            ("Profile", hw.ProfileId),
            ("CPU", hw.Cpu ?? Unknown),
            ("Cores", hw.Cores?.ToString(CultureInfo.InvariantCulture) ?? Unknown),
            ("RAM", hw.RamBytes is { } ram ? ReportFormat.GiBText(ram) : Unknown),
            ("OS", hw.Os ?? Unknown),
            ("GPUs", hw.Gpus.Count > 0 ? string.Join("; ", hw.Gpus) : hw.GpuNote ?? "none detected"),
            ("llama.cpp build", hw.LlamaBuild ?? Unknown),
            ("Backends", hw.Backends.Count == 0 ? Unknown : string.Join(", ", hw.Backends)),
            ("Energy meter", EnergyMeter(view)),
            ("Trials", $"{ReportFormat.Int(view.All.Count)} ({ReportFormat.Int(view.Measured.Count)} measured, {ReportFormat.Int(failed)} failed, {ReportFormat.Int(skipped)} skipped)"),
        };
        return new ReportSection("hardware", "Hardware", [Html.KeyValues(rows)], []);
    }

    // A missing sensor says "unavailable" and why, even though its section is left out.
    private static string EnergyMeter(TrialView view)
    {
        var metered = view.Measured.Count(r => r.JoulesPerToken is not null);
        if (metered > 0)
        {
            return $"measured on {ReportFormat.Int(metered)} of {ReportFormat.Int(view.Measured.Count)} measured trials";
        }

        var reason = view.All.Select(r => r.EnergyUnavailableReason).FirstOrDefault(r => r is not null);
        return "unavailable: " + (reason ?? "no trial recorded energy or why it could not");
    }
}
