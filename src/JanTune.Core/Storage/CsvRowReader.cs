using System.Globalization;
using System.Numerics;
using CsvHelper;

namespace JanTune.Core.Storage;

/// <summary>One record of an imported CSV, read by column name; a value that does not parse names its line and column.</summary>
internal readonly struct CsvRowReader(CsvReader csv, long line)
{
    public delegate bool TryParser<T>(string? text, out T value);

    /// <summary>The line of the file (the header is line 1).</summary>
    public long Line => line;

    public bool Has(string column) => csv.TryGetFieldIndex(column, out _);

    public string Text(string column) => TextOrNull(column) ?? throw Error(column, "empty", "every row needs this column");

    public string? TextOrNull(string column) => csv.GetString(column) is { Length: > 0 } s ? s : null;

    public T Parse<T>(string column)
        where T : ISpanParsable<T> =>
        T.TryParse(csv.GetString(column), CultureInfo.InvariantCulture, out var value) ? value
            : throw Error(column, $"'{csv.GetString(column)}' is not {(typeof(T) == typeof(bool) ? "True or False" : "a whole number")}", "fix the value");

    /// <summary>A number, or null for an empty field (nothing measured it).</summary>
    public T? Number<T>(string column)
        where T : struct, INumber<T> =>
        TextOrNull(column) is not { } s ? null
            : T.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw Error(column, $"'{s}' is not a number", "fix the value: invariant culture, a dot for decimals, empty when nothing was measured");

    public T Parse<T>(string column, Func<string, IFormatProvider, T> parse, string expected)
    {
        var s = csv.GetString(column);
        try
        {
            return parse(s, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw Error(column, $"'{s}' is not {expected}", "fix the value");
        }
    }

    public T Parse<T>(string column, Func<string, T> parse, string expected) => Parse(column, (s, _) => parse(s), expected);

    public T Name<T>(string column, TryParser<T> parse, string expected) =>
        parse(csv.GetString(column), out var value) ? value : throw Error(column, $"'{csv.GetString(column)}' is not known", $"use {expected}");

    public JanTuneException Error(string column, string what, string hint) =>
        new($"line {line.ToString(CultureInfo.InvariantCulture)}, column {column}: {what}; nothing was imported", hint);
}
