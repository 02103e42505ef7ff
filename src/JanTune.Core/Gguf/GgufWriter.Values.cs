using System.Runtime.InteropServices;

namespace JanTune.Core.Gguf;

/// <summary>Metadata value encoding.</summary>
public sealed partial class GgufWriter
{
    private static void WriteValue(Stream output, GgufValue value)
    {
        Span<byte> scratch = stackalloc byte[8];
        WriteU32(output, (uint)value.Type, scratch);
        if (value.ElementType is not { } elementType)
        {
            WriteScalar(output, value.Value, scratch);
            return;
        }

        WriteU32(output, (uint)elementType, scratch);
        var array = (Array)value.Value;
        WriteU64(output, (ulong)array.Length, scratch);
        switch (array)
        {
            case byte[] a: output.Write(a); break;
            case sbyte[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case ushort[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case short[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case uint[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case int[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case float[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case ulong[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case long[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case double[] a: output.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case bool[] a: output.Write(a.Select(b => b ? (byte)1 : (byte)0).ToArray()); break;
            case string[] a:
                foreach (var s in a)
                {
                    WriteString(output, s);
                }

                break;
            default: throw new InvalidOperationException($"Cannot encode a GGUF array of {array.GetType().Name}.");
        }
    }

    private static void WriteScalar(Stream output, object value, Span<byte> scratch)
    {
        switch (value)
        {
            case byte v: output.WriteByte(v); break;
            case sbyte v: output.WriteByte((byte)v); break;
            case bool v: output.WriteByte(v ? (byte)1 : (byte)0); break;
            case ushort v: WriteRaw(output, v, scratch); break;
            case short v: WriteRaw(output, v, scratch); break;
            case uint v: WriteU32(output, v, scratch); break;
            case int v: WriteRaw(output, v, scratch); break;
            case float v: WriteRaw(output, v, scratch); break;
            case ulong v: WriteU64(output, v, scratch); break;
            case long v: WriteRaw(output, v, scratch); break;
            case double v: WriteRaw(output, v, scratch); break;
            case string v: WriteString(output, v); break;
            default: throw new InvalidOperationException($"Cannot encode a GGUF value of {value.GetType().Name}.");
        }
    }

    private static void WriteRaw<T>(Stream output, T value, Span<byte> scratch)
        where T : unmanaged
    {
        MemoryMarshal.Write(scratch, in value);
        output.Write(scratch[..System.Runtime.CompilerServices.Unsafe.SizeOf<T>()]);
    }
}
