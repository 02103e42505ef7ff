namespace JanTune.Core.Gguf;

/// <summary>
/// One metadata value as the file typed it. Scalars hold the matching CLR type (uint, float, string, ...);
/// arrays hold a CLR array of the element type (uint[], string[], ...), so a 32000-entry vocabulary stays compact.
/// </summary>
public sealed partial class GgufValue
{
    private GgufValue(GgufValueType type, object value, GgufValueType? elementType = null)
    {
        Type = type;
        Value = value;
        ElementType = elementType;
    }

    public GgufValueType Type { get; }

    /// <summary>The element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>, else null.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>The value: a boxed scalar or a typed array.</summary>
    public object Value { get; }

    /// <summary>Number of elements of an array value; 1 for a scalar.</summary>
    public int Count => Value is Array array && Type == GgufValueType.Array ? array.Length : 1;

    /// <summary>The value as <typeparamref name="T"/>, for example <c>As&lt;uint&gt;()</c> or <c>As&lt;string[]&gt;()</c>.</summary>
    /// <exception cref="InvalidCastException">The value has another type.</exception>
    public T As<T>() => Value is T typed
        ? typed
        : throw new InvalidCastException($"GGUF value of type {Describe()} is not a {typeof(T).Name}.");

    /// <summary>Reads any integer scalar as a signed 64-bit number; false for other types or a u64 beyond long.</summary>
    public bool TryGetInteger(out long value)
    {
        switch (Value)
        {
            case byte v: value = v; return true;
            case sbyte v: value = v; return true;
            case ushort v: value = v; return true;
            case short v: value = v; return true;
            case uint v: value = v; return true;
            case int v: value = v; return true;
            case long v: value = v; return true;
            case ulong v when v <= long.MaxValue: value = (long)v; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>The type as GGUF names it, e.g. "UINT32" or "ARRAY[STRING]".</summary>
    public string Describe() => ElementType is { } element ? $"ARRAY[{element}]" : Type.ToString();

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        string s => s,
        Array a => $"{Describe()} x{a.Length}",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };

    internal static GgufValue FromArray(GgufValueType elementType, Array values) =>
        new(GgufValueType.Array, values, elementType);

    internal static GgufValue FromScalar(GgufValueType type, object value) => new(type, value);
}
