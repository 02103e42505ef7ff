namespace JanTune.Core.Gguf;

/// <summary>Factories: one overload per GGUF type, so the CLR type picks the file type.</summary>
public sealed partial class GgufValue
{
    public static GgufValue Of(byte value) => new(GgufValueType.UInt8, value);

    public static GgufValue Of(sbyte value) => new(GgufValueType.Int8, value);

    public static GgufValue Of(ushort value) => new(GgufValueType.UInt16, value);

    public static GgufValue Of(short value) => new(GgufValueType.Int16, value);

    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value);

    public static GgufValue Of(int value) => new(GgufValueType.Int32, value);

    public static GgufValue Of(float value) => new(GgufValueType.Float32, value);

    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value);

    public static GgufValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.String, value);
    }

    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, value);

    public static GgufValue Of(long value) => new(GgufValueType.Int64, value);

    public static GgufValue Of(double value) => new(GgufValueType.Float64, value);

    public static GgufValue Of(byte[] values) => Array(GgufValueType.UInt8, values);

    public static GgufValue Of(sbyte[] values) => Array(GgufValueType.Int8, values);

    public static GgufValue Of(ushort[] values) => Array(GgufValueType.UInt16, values);

    public static GgufValue Of(short[] values) => Array(GgufValueType.Int16, values);

    public static GgufValue Of(uint[] values) => Array(GgufValueType.UInt32, values);

    public static GgufValue Of(int[] values) => Array(GgufValueType.Int32, values);

    public static GgufValue Of(float[] values) => Array(GgufValueType.Float32, values);

    public static GgufValue Of(bool[] values) => Array(GgufValueType.Bool, values);

    public static GgufValue Of(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Any(v => v is null))
        {
            throw new ArgumentException("A GGUF string array cannot hold null.", nameof(values));
        }

        return Array(GgufValueType.String, values);
    }

    public static GgufValue Of(ulong[] values) => Array(GgufValueType.UInt64, values);

    public static GgufValue Of(long[] values) => Array(GgufValueType.Int64, values);

    public static GgufValue Of(double[] values) => Array(GgufValueType.Float64, values);

    private static GgufValue Array(GgufValueType elementType, Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(GgufValueType.Array, values, elementType);
    }
}
