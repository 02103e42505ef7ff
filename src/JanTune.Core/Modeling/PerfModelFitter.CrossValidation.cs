using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

public static partial class PerfModelFitter
{
    /// <summary>Fewest distinct configurations a k-fold estimate is made from.</summary>
    public const int MinCrossValidationConfigs = 6;

    /// <summary>
    /// k-fold cross-validation with k = min(5, configurations), folds dealt round-robin over the distinct configuration
    /// keys in order (so the split is deterministic). Every row of one configuration (its pp and tg trials, repeated
    /// trials) stays in one fold: a held-out configuration is predicted only from others, never from its own twin.
    /// Errors are in the target's own unit (tokens/s, ms, bytes). NaN below <see cref="MinCrossValidationConfigs"/>
    /// configurations: with fewer, a held-out fold can remove the only trials of a knob setting and the "error"
    /// measures that, not the model.
    /// </summary>
    internal static (double Mape, int Folds) CrossValidate(PerfTarget target, IReadOnlyList<Row> rows)
    {
        var folds = Folds(rows);
        var k = folds.Count == 0 ? 0 : folds.Max() + 1;
        if (k == 0)
        {
            return (double.NaN, 0);
        }

        var errors = new List<double>(rows.Count);
        for (var fold = 0; fold < k; fold++)
        {
            var train = rows.Where((_, i) => folds[i] != fold).ToList();
            var test = rows.Where((_, i) => folds[i] == fold).ToList();
            var (coefficients, tSat, _) = FitRows(target, train);
            foreach (var row in test)
            {
                var response = coefficients.Sum(c => c.Value * PerfBasis.Value(c.Key, target, row.Config, row.Test, row.Facts, tSat));
                var predicted = PerfBasis.FromResponse(target, response, row.Test);
                var actual = PerfBasis.FromResponse(target, row.Y, row.Test);
                errors.Add(Math.Abs(predicted - actual) / actual);
            }
        }

        return (errors.Average(), k);
    }

    /// <summary>The fold of each row, grouped by configuration key; empty when there are too few configurations.</summary>
    internal static IReadOnlyList<int> Folds(IReadOnlyList<Row> rows)
    {
        var keys = rows.Select(r => r.Config.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (keys.Count < MinCrossValidationConfigs)
        {
            return [];
        }

        var k = Math.Min(5, keys.Count);
        var foldOf = keys.Select((key, i) => (key, fold: i % k)).ToDictionary(p => p.key, p => p.fold, StringComparer.Ordinal);
        return rows.Select(r => foldOf[r.Config.Key]).ToList();
    }
}
