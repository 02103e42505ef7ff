using JanTune.Core.Modeling.Learned;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

public static partial class PerfModelFitter
{
    private static readonly ModelFamily[] LearnedFamilies = [ModelFamily.FastTreeResidual, ModelFamily.LightGbm];

    /// <summary>
    /// Grouped k-fold cross-validation of every family on the same folds: the configurations of <see cref="Folds"/>,
    /// split by ML.NET (<c>CrossValidationSplit</c> with the fold as <c>samplingKeyColumnName</c>, so all rows of one
    /// configuration are held out together). In each fold the physical model is refitted on the training rows only and
    /// the ML.NET families learn from that fit, so nothing of a held-out configuration leaks into its prediction.
    /// Errors are in the target's unit, like <see cref="CrossValidate"/>. Empty below <see cref="MinCrossValidationConfigs"/>.
    /// </summary>
    internal static IReadOnlyList<FamilyScore> CrossValidateFamilies(PerfTarget target, IReadOnlyList<Row> rows)
    {
        var folds = Folds(rows);
        if (folds.Count == 0)
        {
            return [];
        }

        var k = folds.Max() + 1;
        var keyed = rows.Select((r, i) => new LearnedRow { Index = i, Fold = (float)((folds[i] + 0.5) / k) }).ToList();
        var errors = new[] { ModelFamily.Physical }.Concat(LearnedFamilies).ToDictionary(f => f, _ => new List<double>());
        foreach (var (trainIdx, testIdx) in LearnedTrainer.GroupedSplits(target, keyed, k))
        {
            var train = trainIdx.Select(i => rows[i]).ToList();
            foreach (var family in errors.Keys)
            {
                var predict = TrainFamily(target, family, train);
                errors[family].AddRange(testIdx.Select(i => RelativeError(target, rows[i], predict(rows[i]))));
            }
        }

        return errors.Select(e => new FamilyScore(e.Key, e.Value.Average(), k)).ToList();
    }

    /// <summary>
    /// Fits one family on rows and returns its predicted response for any row: the physical fit alone, or the physical
    /// fit with an ML.NET model trained on it.
    /// </summary>
    internal static Func<Row, double> TrainFamily(PerfTarget target, ModelFamily family, IReadOnlyList<Row> rows)
    {
        var (coefficients, tSat, _) = FitRows(target, rows);
        double Physical(Row r) => PhysicalResponse(target, coefficients, tSat, r.Config, r.Test, r.Facts);
        if (family == ModelFamily.Physical)
        {
            return Physical;
        }

        var learned = LearnedTrainer.Train(target, family, Labelled(target, family, rows, Physical));
        return r => learned.PredictResponse(r.Config, r.Test, r.Facts, Physical(r));
    }

    /// <summary>|predicted − measured| / measured, in the target's unit.</summary>
    internal static double RelativeError(PerfTarget target, Row row, double response)
    {
        var actual = PerfBasis.FromResponse(target, row.Y, row.Test);
        return Math.Abs(PerfBasis.FromResponse(target, response, row.Test) - actual) / actual;
    }

    /// <summary>The family with the lowest cross-validated error; the physical baseline on a tie or without CV.</summary>
    internal static ModelFamily Choose(IReadOnlyList<FamilyScore> scores) =>
        scores.Where(s => double.IsFinite(s.CvMape))
            .OrderBy(s => s.CvMape).ThenBy(s => s.Family == ModelFamily.Physical ? 0 : 1)
            .Select(s => s.Family).DefaultIfEmpty(ModelFamily.Physical).First();

    /// <summary>ML.NET rows of a family: the log residual of the physical model, or the log response itself.</summary>
    internal static List<LearnedRow> Labelled(PerfTarget target, ModelFamily family, IReadOnlyList<Row> rows, Func<Row, double> physical) =>
        rows.Select((r, i) =>
        {
            var phys = physical(r);
            var label = family == ModelFamily.FastTreeResidual ? Math.Log(r.Y / Math.Max(phys, 1e-12)) : Math.Log(r.Y);
            return new LearnedRow { Index = i, Label = (float)label, Features = LearnedFeatures.Of(target, family, r.Config, r.Test, r.Facts, phys) };
        }).ToList();

    internal static double PhysicalResponse(PerfTarget target, IReadOnlyDictionary<string, double> coefficients, double tSat, TrialConfig config, TrialTest test, ModelFacts facts) =>
        coefficients.Sum(c => c.Value * PerfBasis.Value(c.Key, target, config, test, facts, tSat));
}
