using System.Globalization;

namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Every number the charts and report write, formatted with the invariant culture and a fixed number of decimals,
/// so output is byte-for-byte the same on every machine and can be snapshot-tested.
/// </summary>
public static class ChartNumber
{
    /// <summary>An SVG coordinate: at most two decimals.</summary>
    public static string Coord(double v) => Clean(Math.Round(v, 2)).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A measured value for people: three or four significant digits, never exponent notation.</summary>
    public static string Value(double v)
    {
        var a = Math.Abs(v);
        var format = a >= 1000 ? "0" : a >= 100 ? "0.0" : a >= 1 ? "0.00" : a >= 0.01 ? "0.000" : "0.######";
        return Clean(v).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A tick label: as many decimals as the tick step needs.</summary>
    public static string Tick(double v, double step)
    {
        var decimals = step >= 1 || step <= 0 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        if (step > 0 && step < 1 && Math.Abs((step * Math.Pow(10, decimals)) - Math.Round(step * Math.Pow(10, decimals))) > 1e-9)
        {
            decimals++;
        }

        return Clean(v).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A log-axis tick label: 0.1, 1, 10, 1000, 10000.</summary>
    public static string LogTick(double v) => Clean(v).ToString(v < 1 ? "0.######" : "0", CultureInfo.InvariantCulture);

    // Negative zero would print as "-0".
    private static double Clean(double v) => v == 0 ? 0 : v;
}
