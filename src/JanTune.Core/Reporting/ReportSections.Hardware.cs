using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>The report's sections; each returns a note instead of an empty chart when its data is missing.</summary>
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
            ("Trials", $"{ReportFormat.Int(view.All.Count)} ({ReportFormat.Int(view.Measured.Count)} measured, {ReportFormat.Int(failed)} failed, {ReportFormat.Int(skipped)} skipped)"),
        };
        return new ReportSection("hardware", "Hardware", [Html.KeyValues(rows)], []);
    }
}
