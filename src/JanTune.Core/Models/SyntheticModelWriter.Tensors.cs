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

    private static void AddTensors(GgufWriter writer, SyntheticPreset preset, ulong seed, IProgress<double>? progress)
    {
        long embd = preset.Embd;
        long kv = (long)preset.KvHeads * preset.HeadDim;
        var shapes = new List<(string Name, long[] Dims)>
        {
            ("token_embd.weight", [embd, preset.Vocab]),
            ("output_norm.weight", [embd]),
            ("output.weight", [embd, preset.Vocab]),
        };
        for (var layer = 0; layer < preset.Layers; layer++)
        {
            var p = $"blk.{layer}.";
            shapes.Add((p + "attn_norm.weight", [embd]));
            shapes.Add((p + "attn_q.weight", [embd, embd]));
            shapes.Add((p + "attn_k.weight", [embd, kv]));
            shapes.Add((p + "attn_v.weight", [embd, kv]));
            shapes.Add((p + "attn_output.weight", [embd, embd]));
            shapes.Add((p + "ffn_norm.weight", [embd]));
            shapes.Add((p + "ffn_gate.weight", [embd, preset.FeedForward]));
            shapes.Add((p + "ffn_up.weight", [embd, preset.FeedForward]));
            shapes.Add((p + "ffn_down.weight", [preset.FeedForward, embd]));
        }

        var totalElements = shapes.Sum(s => s.Dims.Aggregate(1L, (a, d) => a * d));
        long doneElements = 0;

        // One generator across tensors in file order: the bytes depend only on the seed and the preset.
        var rng = new Xoshiro256(seed);
        foreach (var (name, dims) in shapes)
        {
            var elements = dims.Aggregate(1L, (a, d) => a * d);
            var isNorm = dims.Length == 1;
            writer.AddTensor(new GgufTensorSource(name, dims, isNorm ? GgmlType.F32 : GgmlType.F16, stream =>
            {
                if (isNorm)
                {
                    WriteOnes(stream, elements);
                }
                else
                {
                    WriteNormalHalves(stream, elements, rng);
                }

                doneElements += elements;
                progress?.Report((double)doneElements / totalElements);
            }));
        }
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
