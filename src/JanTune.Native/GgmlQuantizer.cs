using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>ggml's own row quantizer (ggml_quantize_chunk), for writing a model directly in a quantized type.</summary>
public static unsafe class GgmlQuantizer
{
    /// <summary>Bytes of one row of <paramref name="rowLength"/> values in ggml type id <paramref name="ggmlType"/>.</summary>
    public static long RowBytes(int ggmlType, long rowLength) => (long)Ggml.RowSize(ggmlType, rowLength);

    /// <summary>
    /// Quantizes whole rows of <paramref name="source"/> into <paramref name="destination"/>, which must hold exactly
    /// their bytes. No importance matrix: the types this is used for (Q4_0, Q8_0, K-quants) do not need one.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not hold whole rows, or the destination is the wrong size.</exception>
    public static void Quantize(int ggmlType, ReadOnlySpan<float> source, Span<byte> destination, long rowLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 1);
        if (source.Length % rowLength != 0)
        {
            throw new ArgumentException($"{source.Length} values are not whole rows of {rowLength}.", nameof(source));
        }

        var rows = source.Length / rowLength;
        var need = RowBytes(ggmlType, rowLength) * rows;
        if (destination.Length != need)
        {
            throw new ArgumentException($"{rows} rows of type {ggmlType} need {need} bytes, not {destination.Length}.", nameof(destination));
        }

        fixed (float* src = source)
        fixed (byte* dst = destination)
        {
            var written = (long)Ggml.QuantizeChunk(ggmlType, src, dst, 0, rows, rowLength, null);
            if (written != need)
            {
                throw new InvalidOperationException($"ggml_quantize_chunk wrote {written} bytes, {need} expected.");
            }
        }
    }
}
