using MathNet.Numerics.LinearAlgebra;

namespace JanTune.Core.Modeling;

/// <summary>
/// Relative (1/y weighted) least squares with non-negative coefficients, by an active set: fit, drop the most
/// negative term, refit. Columns are scaled to unit norm and a tiny ridge keeps collinear terms (repack on/off
/// with few points) solvable.
/// </summary>
internal static class NonNegativeLeastSquares
{
    /// <summary>Returns the coefficients (0 for dropped terms) and the weighted sum of squared relative errors.</summary>
    public static (double[] Coefficients, double Sse) Fit(double[,] x, double[] y)
    {
        var n = y.Length;
        var p = x.GetLength(1);
        var active = Enumerable.Range(0, p).Where(j => Enumerable.Range(0, n).Any(i => x[i, j] != 0)).ToList();
        var beta = new double[p];
        while (active.Count > 0)
        {
            var solution = Solve(x, y, active);
            var worst = -1;
            for (var k = 0; k < active.Count; k++)
            {
                if (solution[k] < 0 && (worst < 0 || solution[k] < solution[worst]))
                {
                    worst = k;
                }
            }

            if (worst < 0)
            {
                Array.Clear(beta);
                for (var k = 0; k < active.Count; k++)
                {
                    beta[active[k]] = solution[k];
                }

                break;
            }

            active.RemoveAt(worst);
        }

        var sse = 0.0;
        for (var i = 0; i < n; i++)
        {
            var pred = 0.0;
            for (var j = 0; j < p; j++)
            {
                pred += x[i, j] * beta[j];
            }

            var rel = (pred - y[i]) / y[i];
            sse += rel * rel;
        }

        return (beta, sse);
    }

    private static double[] Solve(double[,] x, double[] y, List<int> columns)
    {
        var n = y.Length;
        var p = columns.Count;
        var scale = new double[p];
        var a = Matrix<double>.Build.Dense(n + p, p);
        var b = Vector<double>.Build.Dense(n + p);
        for (var k = 0; k < p; k++)
        {
            var norm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = x[i, columns[k]] / y[i];
                norm += v * v;
            }

            scale[k] = norm > 0 ? Math.Sqrt(norm) : 1;
        }

        for (var i = 0; i < n; i++)
        {
            b[i] = 1; // y_i / y_i: every row weighted by 1/y_i, so the fit minimises relative error.
            for (var k = 0; k < p; k++)
            {
                a[i, k] = x[i, columns[k]] / y[i] / scale[k];
            }
        }

        const double Ridge = 1e-4;
        for (var k = 0; k < p; k++)
        {
            a[n + k, k] = Ridge;
        }

        var solution = a.QR().Solve(b);
        return Enumerable.Range(0, p).Select(k => solution[k] / scale[k]).ToArray();
    }
}
