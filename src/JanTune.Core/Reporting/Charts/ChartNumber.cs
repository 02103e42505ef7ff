using System.Globalization;

namespace JanTune.Core.Reporting.Charts;

/// <summary>
/// Every number the charts and report write, formatted with the invariant culture and a fixed number of decimals,
/// so output is byte-for-byte the same on every machine and can be snapshot-tested.
/// </summary>
public static class ChartNumber
{
    /// <summary>A measured value for people: three or four significant digits, never exponent notation.</summary>
    public static string Value(double v)
    {
        var a = Math.Abs(v);
        var format = a >= 1000 ? "0" : a >= 100 ? "0.0" : a >= 1 ? "0.00" : a >= 0.01 ? "0.000" : "0.######";
        return Clean(v).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>An axis tick label: the shortest invariant spelling, no exponent, no float noise (0.3, 1, 2.5, 10000).</summary>
    public static string Tick(double v) => Clean(Math.Round(v, 6)).ToString("0.######", CultureInfo.InvariantCulture);

    // Negative zero would print as "-0".
    private static double Clean(double v) => v == 0 ? 0 : v;
}
