using System.Runtime.InteropServices;
using JanTune.Core.Gguf;
using MathNet.Numerics.Distributions;

namespace JanTune.Core.Models;

/// <summary>Tensor shapes and the fast F16 fill.</summary>
public static partial class SyntheticModelWriter
{
    private const double WeightStdDev = 0.02;
    private const int ChunkValues = 1 << 19; // 1 MiB of F16 per write

    // F16 bit patterns of 65536 evenly spaced normal quantiles: one table lookup per 16 random bits gives
    // normally distributed weights without a float conversion per value, which keeps a 2 GB model I/O bound.
    private static readonly Lazy<ushort[]> NormalHalfTable = new(() =>
    {
        var table = new ushort[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var x = Normal.InvCDF(0, WeightStdDev, (i + 0.5) / table.Length);
            table[i] = BitConverter.HalfToUInt16Bits((Half)x);
        }

        return table;
    });

    // Float twins of NormalHalfTable for the direct path and the F32 router.
    private static readonly Lazy<float[]> NormalFloatTable = new(() =>
        NormalHalfTable.Value.Select(h => (float)BitConverter.UInt16BitsToHalf(h)).ToArray());

    private static void AddTensors(GgufWriter writer, SyntheticPreset preset, ulong seed, IProgress<double>? progress)
    {
        var shapes = SyntheticTensorLayout.For(preset);
        var totalElements = shapes.Sum(s => s.ElementCount);
        long doneElements = 0;

        // One generator across tensors in file order: the bytes depend only on the seed and the preset.
        var rng = new Xoshiro256(seed);
        foreach (var tensor in shapes)
        {
            var elements = tensor.ElementCount;
            var type = tensor.Role == SyntheticTensorRole.Matrix ? GgmlType.F16 : GgmlType.F32;
            writer.AddTensor(new GgufTensorSource(tensor.Name, tensor.Dims, type, stream =>
            {
                switch (tensor.Role)
                {
                    case SyntheticTensorRole.Norm:
                        WriteOnes(stream, elements);
                        break;
                    case SyntheticTensorRole.Router:
                        WriteNormalFloats(stream, elements, rng);
                        break;
                    default:
                        WriteNormalHalves(stream, elements, rng);
                        break;
                }

                doneElements += elements;
                progress?.Report((double)doneElements / totalElements);
            }));
        }
    }

    private static void AddDirectTensors(GgufWriter writer, SyntheticPreset preset, ModelQuantization quantization, ulong seed, IProgress<double>? progress)
    {
        var shapes = SyntheticTensorLayout.For(preset);
        var totalElements = shapes.Sum(s => s.ElementCount);
        long doneElements = 0;
        for (var index = 0; index < shapes.Count; index++)
        {
            var tensor = shapes[index];
            var type = SyntheticQuantMix.TypeFor(preset, tensor, quantization);
            var tensorSeed = seed ^ ((ulong)(index + 1) * 0x9E3779B97F4A7C15UL);
            writer.AddTensor(new GgufTensorSource(tensor.Name, tensor.Dims, type, stream =>
            {
                if (tensor.Role == SyntheticTensorRole.Norm)
                {
                    WriteOnes(stream, tensor.ElementCount);
                }
                else
                {
                    WriteQuantizedRows(stream, tensor, type, tensorSeed);
                }

                doneElements += tensor.ElementCount;
                progress?.Report((double)doneElements / totalElements);
            }));
        }
    }

    /// <summary>
    /// Random rows quantized by ggml in parallel blocks of about 1M values, written in order. Each block has its own
    /// generator seeded from (tensor, block), so the bytes do not depend on how many threads run; memory stays at a
    /// few blocks per core whatever the tensor's size.
    /// </summary>
    private static void WriteQuantizedRows(Stream stream, SyntheticTensor tensor, GgmlType type, ulong tensorSeed)
    {
        var rowLength = tensor.RowLength;
        var rowsPerBlock = (int)Math.Max(1, ChunkValues * 2 / rowLength);
        var totalRows = tensor.Rows;
        var blocks = (totalRows + rowsPerBlock - 1) / rowsPerBlock;
        var rowBytes = type == GgmlType.F32 ? rowLength * 4 : JanTune.Native.GgmlQuantizer.RowBytes((int)type, rowLength);
        var parallel = Math.Max(1, Environment.ProcessorCount);
        var outputs = new byte[parallel][];
        var inputs = new float[parallel][];
        for (long first = 0; first < blocks; first += parallel)
        {
            var count = (int)Math.Min(parallel, blocks - first);
            Parallel.For(0, count, i =>
            {
                var block = first + i;
                var rows = (int)Math.Min(rowsPerBlock, totalRows - (block * rowsPerBlock));
                var values = rows * (int)rowLength;
                var input = inputs[i] ??= new float[rowsPerBlock * rowLength];
                FillNormalFloats(input.AsSpan(0, values), new Xoshiro256(tensorSeed + (ulong)block));
                var output = outputs[i] ??= new byte[rowsPerBlock * rowBytes];
                var bytes = (int)(rows * rowBytes);
                if (type == GgmlType.F32)
                {
                    MemoryMarshal.AsBytes(input.AsSpan(0, values)).CopyTo(output);
                }
                else
                {
                    JanTune.Native.GgmlQuantizer.Quantize((int)type, input.AsSpan(0, values), output.AsSpan(0, bytes), rowLength);
                }
            });
            for (var i = 0; i < count; i++)
            {
                var block = first + i;
                var rows = Math.Min(rowsPerBlock, totalRows - (block * rowsPerBlock));
                stream.Write(outputs[i], 0, (int)(rows * rowBytes));
            }
        }
    }

    private static void FillNormalFloats(Span<float> values, Xoshiro256 rng)
    {
        var table = NormalFloatTable.Value;
        for (var i = 0; i < values.Length; i += 4)
        {
            var r = rng.Next();
            for (var j = 0; j < 4 && i + j < values.Length; j++)
            {
                values[i + j] = table[(ushort)(r >> (16 * j))];
            }
        }
    }

    private static void WriteNormalFloats(Stream stream, long count, Xoshiro256 rng)
    {
        var values = new float[count];
        FillNormalFloats(values, rng);
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void WriteOnes(Stream stream, long count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1.0f);
        stream.Write(MemoryMarshal.AsBytes(ones.AsSpan()));
    }

    private static void WriteNormalHalves(Stream stream, long count, Xoshiro256 rng)
    {
        var table = NormalHalfTable.Value;
        var buffer = new ushort[ChunkValues];
        for (var left = count; left > 0;)
        {
            var n = (int)Math.Min(left, buffer.Length);
            for (var i = 0; i < n; i += 4)
            {
                var r = rng.Next();
                buffer[i] = table[(ushort)r];
                if (i + 3 < n)
                {
                    buffer[i + 1] = table[(ushort)(r >> 16)];
                    buffer[i + 2] = table[(ushort)(r >> 32)];
                    buffer[i + 3] = table[(ushort)(r >> 48)];
                }
                else
                {
                    for (var j = 1; i + j < n; j++)
                    {
                        buffer[i + j] = table[(ushort)(r >> (16 * j))];
                    }
                }
            }

            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
            left -= n;
        }
    }
}
