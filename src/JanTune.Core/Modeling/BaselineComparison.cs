using System.Globalization;
using JanTune.Core.Sweeps.Baselines;

namespace JanTune.Core.Modeling;

/// <summary>
/// What tuning bought on one test: the tuned configuration's measured speed against one runtime's defaults measured in
/// the same sweep, or why that comparison cannot be made.
/// </summary>
/// <param name="Runtime">Whose defaults.</param>
/// <param name="Backend">The backend both were measured on.</param>
/// <param name="Test">The test, e.g. tg128.</param>
public sealed record BaselineComparison(BaselineRuntime Runtime, string Backend, string Test)
{
    /// <summary>The tuned configuration's measurement; null when not measured.</summary>
    public MeasuredFigure? Tuned { get; init; }

    /// <summary>The baseline trial's measurement; null when not measured.</summary>
    public MeasuredFigure? Baseline { get; init; }

    /// <summary>Tuned mean over baseline mean; null unless both were measured.</summary>
    public double? Ratio => Tuned is { Mean: > 0 } t && Baseline is { Mean: > 0 } b ? t.Mean / b.Mean : null;

    /// <summary>
    /// The ratio's spread from the two repetition spreads (relative sds added in quadrature); null when either side
    /// has fewer than two repetitions.
    /// </summary>
    public double? RatioSd => Ratio is { } r && Tuned!.N > 1 && Baseline!.N > 1
        ? r * Math.Sqrt(Math.Pow(Tuned.StdDev / Tuned.Mean, 2) + Math.Pow(Baseline.StdDev / Baseline.Mean, 2))
        : null;

    /// <summary>The baseline is the tuned configuration itself (measured as its own trial).</summary>
    public bool SameConfig { get; init; }

    /// <summary>The tuned figure is the baseline trial itself: no grid trial measured the chosen configuration.</summary>
    public bool SameTrial { get; init; }

    /// <summary>Other runtimes whose defaults are the same configuration (one trial carries all their labels).</summary>
    public IReadOnlyList<BaselineRuntime> SameAs { get; init; } = [];

    /// <summary>Why there is no ratio, when there is none.</summary>
    public string? NotMeasured { get; init; }

    /// <summary>The sentence recommend and the report print.</summary>
    public string Text
    {
        get
        {
            var who = Runtime.Defaults() + (SameAs.Count > 0 ? " (= " + string.Join(", ", SameAs.Select(r => r.Defaults())) + ")" : string.Empty);
            if (Ratio is not { } r)
            {
                return $"{Test}: {who} ({Backend}) not compared: {NotMeasured ?? "not measured"}";
            }

            var inv = CultureInfo.InvariantCulture;
            var ratio = r.ToString("0.00", inv) + "x" + (RatioSd is { } sd ? " ± " + sd.ToString("0.00", inv) : string.Empty);
            var figures = $"tuned {Figure(Tuned!)} vs {Figure(Baseline!)}";
            if (SameTrial)
            {
                return $"{Test}: the tuned configuration is {who} on this machine ({Backend}), {Figure(Baseline!)}: nothing measured was faster";
            }

            return SameConfig
                ? $"{Test}: the tuned configuration is {who} on this machine ({Backend}); measured again as the baseline: {ratio} ({figures})"
                : $"{Test}: {ratio} {who} on this machine ({Backend}; {figures})";
        }
    }

    private static string Figure(MeasuredFigure f)
    {
        var inv = CultureInfo.InvariantCulture;
        return f.N > 1
            ? $"{f.Mean.ToString("0.0", inv)} ± {f.StdDev.ToString("0.0", inv)} t/s (n={f.N.ToString(inv)})"
            : $"{f.Mean.ToString("0.0", inv)} t/s (n={f.N.ToString(inv)}, no sd)";
    }
}
