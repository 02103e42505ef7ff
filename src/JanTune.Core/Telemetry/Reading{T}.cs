using System.Globalization;

namespace JanTune.Core.Telemetry;

/// <summary>
/// A measured value, or the reason there is none. There is no third state: a source that cannot measure says why,
/// so nothing downstream can print a guess or a zero as if it had been measured.
/// </summary>
/// <typeparam name="T">The measured quantity.</typeparam>
public sealed record Reading<T>
    where T : struct
{
    internal Reading(T? value, string? unavailableReason)
    {
        Value = value;
        UnavailableReason = unavailableReason;
    }

    /// <summary>The measurement; null exactly when <see cref="UnavailableReason"/> is set.</summary>
    public T? Value { get; }

    /// <summary>Why there is no measurement, naming the source, for example <c>RAPL: permission denied (root only)</c>.</summary>
    public string? UnavailableReason { get; }

    /// <summary>True when <see cref="Value"/> holds a measurement.</summary>
    public bool IsAvailable => Value.HasValue;

    /// <summary>Applies <paramref name="map"/> to a measurement; an unavailable reading keeps its reason.</summary>
    public Reading<TOut> Select<TOut>(Func<T, TOut> map)
        where TOut : struct
    {
        ArgumentNullException.ThrowIfNull(map);
        return Value is { } value ? new Reading<TOut>(map(value), null) : new Reading<TOut>(null, UnavailableReason);
    }

    /// <summary>Formats a measurement with <paramref name="format"/>, or says <c>unavailable: reason</c>.</summary>
    public string Format(Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Value is { } value ? format(value) : $"unavailable: {UnavailableReason}";
    }

    /// <inheritdoc />
    public override string ToString() => Format(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty);
}
