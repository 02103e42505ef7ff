using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>Read-only views over the measured trials that several sections share.</summary>
internal sealed class TrialView
{
    public TrialView(IReadOnlyList<TrialResult> results)
    {
        All = results;
        Measured = results.Where(r => r.Status == TrialStatus.Ok && r.Stats is not null).ToList();
        SingleQuant = Measured.Select(r => r.Config.Quant).Distinct(StringComparer.Ordinal).Count() <= 1;
        SingleModel = Measured.Select(r => ModelName(r.Config)).Distinct(StringComparer.Ordinal).Count() <= 1;
        Tests = Measured.Select(r => r.Test).Distinct().OrderBy(t => t.Kind).ThenBy(t => t.Tokens).ThenBy(t => t.Depth).ToList();
    }

    public IReadOnlyList<TrialResult> All { get; }

    public IReadOnlyList<TrialResult> Measured { get; }

    /// <summary>Tests in a fixed order: prompt before generation, shorter first.</summary>
    public IReadOnlyList<TrialTest> Tests { get; }

    private bool SingleQuant { get; }

    private bool SingleModel { get; }

    /// <summary>
    /// "cuda q4_0", just "cuda" when the sweep had one quantization, or "cuda 7b q4_0" when it had several models
    /// (curves of different models must never share a series).
    /// </summary>
    public string SeriesName(TrialConfig c) =>
        (SingleModel ? c.Backend : c.Backend + " " + ModelName(c)) + (SingleQuant ? string.Empty : " " + c.Quant);

    /// <summary>The model a file holds, without its quantization: 7b-q4_0.gguf and 7b-q8_0.gguf are both "7b".</summary>
    private static string ModelName(TrialConfig c)
    {
        var stem = Path.GetFileNameWithoutExtension(c.ModelPath);
        var suffix = "-" + c.Quant;
        return stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? stem[..^suffix.Length] : stem;
    }

    public static double Mean(TrialResult r) => r.Stats!.Mean;

    public static long? TotalMemory(TrialResult r) =>
        r.PeakRssBytes is null && r.DeviceMemoryBytes is null ? null : (r.PeakRssBytes ?? 0) + (r.DeviceMemoryBytes ?? 0);

    /// <summary>The fastest trial worth ranking: one whose spread is too wide loses to any rankable one.</summary>
    public static TrialResult Fastest(IEnumerable<TrialResult> trials) =>
        trials.OrderByDescending(r => r.Stats!.IsRankable).ThenByDescending(Mean).First();

    /// <summary>A speed with mean ± sd bars (never below zero), as llama-bench reports it.</summary>
    public static ChartPoint SpeedPoint(double x, TrialResult r) =>
        new(x, r.Stats!.Mean)
        {
            YLower = Math.Max(0, r.Stats.Mean - r.Stats.StdDev),
            YUpper = r.Stats.Mean + r.Stats.StdDev,
            Note = ReportFormat.Config(r.Config) + $"; {r.Stats.MeanSdText()}" + (r.Stats.IsRankable ? string.Empty : "; " + r.Stats.UnrankableReason()),
        };

    /// <summary>
    /// The small-multiple panel (the backend) and the series name inside it: the model and quantization when the sweep
    /// had several, then <paramref name="extra"/> (a test name), after <paramref name="prefix"/> ("RAM"); the backend
    /// itself when nothing else tells the series apart. Panel and name together read as <see cref="SeriesName"/>.
    /// </summary>
    public (string Panel, string Name) SeriesOf(TrialConfig c, string? extra = null, string? prefix = null)
    {
        var parts = new List<string>();
        if (prefix is not null)
        {
            parts.Add(prefix);
        }

        if (!SingleModel)
        {
            parts.Add(ModelName(c));
        }

        if (!SingleQuant)
        {
            parts.Add(c.Quant);
        }

        if (extra is not null)
        {
            parts.Add(extra);
        }

        return (c.Backend, parts.Count == 0 ? c.Backend : string.Join(' ', parts));
    }

    /// <summary>
    /// One series per backend, model and quantization (and <paramref name="extra"/>, e.g. the test), in panels by
    /// backend; at each x the fastest trial wins, so a curve shows what the best setting of every other knob achieves there.
    /// </summary>
    public IReadOnlyList<ChartSeries> BestSeries(IEnumerable<TrialResult> trials, Func<TrialConfig, double> x, Func<TrialResult, string>? extra = null) =>
        trials
            .GroupBy(r => SeriesOf(r.Config, extra?.Invoke(r)))
            .OrderBy(g => g.Key.Panel, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new ChartSeries(
                g.Key.Name,
                g.GroupBy(r => x(r.Config)).OrderBy(p => p.Key).Select(p => SpeedPoint(p.Key, Fastest(p))).ToList()) { Panel = g.Key.Panel })
            .ToList();

    public int DistinctValues(Func<TrialConfig, int> knob) => Measured.Select(r => knob(r.Config)).Distinct().Count();
}
