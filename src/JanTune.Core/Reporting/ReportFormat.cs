using System.Globalization;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>How trial facts read in the report: invariant numbers, units spelled out.</summary>
internal static class ReportFormat
{
    public const double BytesPerGiB = 1024.0 * 1024 * 1024;

    public static double GiB(long bytes) => bytes / BytesPerGiB;

    public static string GiBText(long? bytes) => bytes is { } b ? ChartNumber.Value(GiB(b)) + " GiB" : "not measured";

    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double v) => v.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The configuration in one line, for hover texts and tables.</summary>
    public static string Config(TrialConfig c) =>
        $"{c.Backend} {c.Quant}, NGL {Int(c.GpuLayers)}, {Int(c.Threads)} threads, batch {Int(c.BatchSize)}/{Int(c.UBatchSize)}, ctx {Int(c.ContextSize)}"
        + (c.HasDefaultSplit ? string.Empty : ", split " + c.SplitText);

    /// <summary>"± 3.1 (n=3)", or with a flag when the spread is too wide to rank the trial.</summary>
    public static string Spread(SampleStatistics s) =>
        $"± {ChartNumber.Value(s.StdDev)} (n={Int(s.N)})" + (s.IsRankable ? string.Empty : $"; {s.UnrankableReason()}");
}
