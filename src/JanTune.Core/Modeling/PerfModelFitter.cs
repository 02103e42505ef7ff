using System.Globalization;
using JanTune.Core.Modeling.Learned;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Fits a <see cref="PerfModel"/> from trials: per backend and target, relative least squares with non-negative
/// coefficients on the physical basis of <see cref="PerfBasis"/>, t_sat by profile search over a fixed ladder, and
/// a k-fold cross-validated MAPE (k = min(5, configurations), folds grouped by configuration) for every target.
/// With <c>learn</c> on, ML.NET families (<see cref="ModelFamily"/>) are cross-validated on the same folds and the
/// family with the lowest error predicts the target; the physical fit stays as the baseline and the residual
/// family's foundation.
/// </summary>
public static partial class PerfModelFitter
{
    private static readonly double[] SaturationLadder = [1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 1e6];

    /// <summary>
    /// Fits every target that has measurements. Trials without <see cref="TrialResult.Model"/> use <paramref name="defaultFacts"/>.
    /// <paramref name="learn"/> off fits the physical model alone (the adaptive search refits after every batch, and
    /// the physical fit is what it extrapolates with).
    /// </summary>
    public static PerfModel Fit(IReadOnlyList<TrialResult> results, string profileId, ModelFacts? defaultFacts = null, TimeProvider? time = null, bool learn = true)
    {
        ArgumentNullException.ThrowIfNull(results);
        // The model predicts what serve and the exports run on, the npm build; other engines' trials are for comparison only.
        results = [.. results.Where(r => r.Config.Engine == SweepEngine.Npm)];
        var targets = new List<TargetModel>();
        foreach (var backend in results.Select(r => r.Config.Backend.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var target in Enum.GetValues<PerfTarget>())
            {
                var rows = Rows(results, target, backend, defaultFacts);
                if (rows.Count == 0)
                {
                    continue;
                }

                var (coefficients, tSat, summary) = FitRows(target, rows);
                var scores = Score(target, rows, learn);
                var chosen = Choose(scores);
                var score = scores.First(s => s.Family == chosen);
                LearnedPredictor? learned = null;
                if (chosen != ModelFamily.Physical)
                {
                    learned = LearnedTrainer.Train(target, chosen, Labelled(target, chosen, rows, r => PhysicalResponse(target, coefficients, tSat, r.Config, r.Test, r.Facts)));
                    var physical = scores.First(s => s.Family == ModelFamily.Physical);
                    summary += string.Create(CultureInfo.InvariantCulture, $"; predicted by ML.NET {chosen} (CV MAPE {score.CvMape:P1}, physical {physical.CvMape:P1})");
                }

                targets.Add(new TargetModel
                {
                    Target = target,
                    Backend = backend,
                    Coefficients = coefficients,
                    ThreadSaturation = tSat,
                    Samples = rows.Count,
                    CvMape = score.CvMape,
                    Folds = score.Folds,
                    Summary = summary,
                    Predictor = chosen,
                    Families = scores,
                    Learned = learned,
                    LearnedModelFile = learned is null ? null : PerfModelStore.LearnedFileName(backend, target),
                });
            }
        }

        return new PerfModel { ProfileId = profileId, FittedAt = (time ?? TimeProvider.System).GetUtcNow(), Targets = targets };
    }

    /// <summary>
    /// The grouped-CV error of every family on one target's rows (the physical model alone when <paramref name="learn"/>
    /// is off or there are too few configurations for the ML.NET families): what <see cref="Choose"/> picks from.
    /// </summary>
    internal static IReadOnlyList<FamilyScore> Score(PerfTarget target, IReadOnlyList<Row> rows, bool learn = true)
    {
        var scores = learn ? CrossValidateFamilies(target, rows) : [];
        if (scores.Count == 0)
        {
            var (mape, k) = CrossValidate(target, rows);
            scores = [new FamilyScore(ModelFamily.Physical, mape, k)];
        }

        return scores;
    }

    internal static List<Row> Rows(IReadOnlyList<TrialResult> results, PerfTarget target, string backend, ModelFacts? defaultFacts) =>
        results
            .Where(r => string.Equals(r.Config.Backend, backend, StringComparison.OrdinalIgnoreCase))
            .Select(r => (r, y: PerfBasis.Response(target, r), facts: r.Model ?? defaultFacts))
            .Where(t => t.y is > 0 && t.facts is not null)
            .OrderBy(t => t.r.Config.Key, StringComparer.Ordinal).ThenBy(t => t.r.Test.Name, StringComparer.Ordinal)
            .Select(t => new Row(t.r.Config, t.r.Test, t.facts!, t.y!.Value))
            .ToList();

    internal static (Dictionary<string, double> Coefficients, double TSat, string Summary) FitRows(PerfTarget target, IReadOnlyList<Row> rows)
    {
        var all = PerfBasis.Terms(target);
        var informative = all.Where(term => IsInformative(term, target, rows)).ToList();

        // Keep enough residual degrees of freedom: at most n − 2 terms while thin, n / 2 once there is data.
        var maxTerms = rows.Count >= 8 ? rows.Count / 2 : Math.Max(1, rows.Count - 2);
        var kept = informative.Take(maxTerms).ToList();
        if (kept.Count == 0)
        {
            kept.Add("constant");
        }

        var ladder = PerfBasis.UsesThreads(target) && rows.Select(r => r.Config.Threads).Distinct().Count() > 1 ? SaturationLadder : [1e6];
        (double[] Beta, double Sse, double TSat) best = ([], double.PositiveInfinity, 1e6);
        foreach (var tSat in ladder)
        {
            var (beta, sse) = NonNegativeLeastSquares.Fit(Design(target, rows, kept, tSat), rows.Select(r => r.Y).ToArray());
            if (sse < best.Sse - 1e-12)
            {
                best = (beta, sse, tSat);
            }
        }

        var coefficients = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < kept.Count; j++)
        {
            if (best.Beta[j] > 0)
            {
                coefficients[kept[j]] = best.Beta[j];
            }
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{coefficients.Count} of {all.Count} terms from {rows.Count} trials ({string.Join(", ", coefficients.Keys)})");
        if (kept.Count < informative.Count)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; thin data: dropped {string.Join(", ", informative.Skip(kept.Count))}");
        }

        return (coefficients, best.TSat, summary);
    }

    private static bool IsInformative(string term, PerfTarget target, IReadOnlyList<Row> rows)
    {
        if (term is "constant")
        {
            return true;
        }

        // A term that is zero everywhere (GPU terms on a CPU sweep) or constant (collinear with the constant) says nothing.
        var values = rows.Select(r => PerfBasis.Value(term, target, r.Config, r.Test, r.Facts, 4)).ToList();
        return values.Any(v => v != 0) && values.Max() - values.Min() > 1e-12 * Math.Max(1, Math.Abs(values.Max()));
    }

    private static double[,] Design(PerfTarget target, IReadOnlyList<Row> rows, IReadOnlyList<string> terms, double tSat)
    {
        var x = new double[rows.Count, terms.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < terms.Count; j++)
            {
                x[i, j] = PerfBasis.Value(terms[j], target, rows[i].Config, rows[i].Test, rows[i].Facts, tSat);
            }
        }

        return x;
    }

    internal sealed record Row(TrialConfig Config, TrialTest Test, ModelFacts Facts, double Y);
}
