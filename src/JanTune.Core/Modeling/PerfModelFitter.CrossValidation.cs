using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

public static partial class PerfModelFitter
{
    /// <summary>
    /// k-fold cross-validation with k = min(5, n), folds dealt round-robin over the trials sorted by config key (so
    /// the split is deterministic). Errors are in the target's own unit (tokens/s, ms, bytes). NaN below 6 trials: with
    /// fewer, a held-out fold can remove the only trials of a knob setting and the "error" measures that, not the model.
    /// </summary>
    internal static (double Mape, int Folds) CrossValidate(PerfTarget target, IReadOnlyList<Row> rows)
    {
        if (rows.Count < 6)
        {
            return (double.NaN, 0);
        }

        var k = Math.Min(5, rows.Count);
        var errors = new List<double>(rows.Count);
        for (var fold = 0; fold < k; fold++)
        {
            var train = rows.Where((_, i) => i % k != fold).ToList();
            var test = rows.Where((_, i) => i % k == fold).ToList();
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
}
