using System.Buffers.Binary;
using System.Text;

namespace JanTune.Core.Gguf;

/// <summary>
/// Writes GGUF version 3 in the layout llama.cpp's gguf.cpp writes: header, metadata, tensor infos, zero padding
/// to the alignment, then each tensor's data padded to the alignment. Tensor bytes come from each tensor's
/// delegate in order, so a multi-gigabyte model streams straight to disk.
/// </summary>
public sealed partial class GgufWriter
{
    private readonly OrderedDictionary<string, GgufValue> _metadata = new(StringComparer.Ordinal);
    private readonly List<GgufTensorSource> _tensors = [];

    /// <summary>Data alignment: general.alignment when set (it must be a UINT32 power of two), else 32.</summary>
    public int Alignment => _metadata.TryGetValue(GgufFile.AlignmentKey, out var v) && v.Value is uint a ? (int)a : GgufFile.DefaultAlignment;

    /// <summary>Adds a metadata pair; keys are written in the order they are added.</summary>
    /// <exception cref="ArgumentException">The key is empty or already present, or general.alignment is not a UINT32 power of two.</exception>
    public GgufWriter Add(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == GgufFile.AlignmentKey && (value.Value is not uint a || a == 0 || (a & (a - 1)) != 0))
        {
            throw new ArgumentException($"{GgufFile.AlignmentKey} must be a UINT32 power of two.", nameof(value));
        }

        if (!_metadata.TryAdd(key, value))
        {
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        }

        return this;
    }

    /// <summary>Adds a tensor; data is written in the order tensors are added.</summary>
    /// <exception cref="ArgumentException">The name is duplicate or too long, or the shape does not suit the type.</exception>
    public GgufWriter AddTensor(GgufTensorSource tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentException.ThrowIfNullOrEmpty(tensor.Name);
        if (Encoding.UTF8.GetByteCount(tensor.Name) > 63)
        {
            throw new ArgumentException($"Tensor name '{tensor.Name}' is longer than ggml's 63 bytes.", nameof(tensor));
        }

        if (tensor.Dimensions.Count is 0 or > 4 || tensor.Dimensions.Any(d => d <= 0))
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' needs 1 to 4 positive dimensions.", nameof(tensor));
        }

        if (tensor.Dimensions[0] % tensor.Type.BlockSize() != 0)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' rows of {tensor.Dimensions[0]} are not a multiple of the {tensor.Type} block size.", nameof(tensor));
        }

        if (_tensors.Any(t => t.Name == tensor.Name))
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' was already added.", nameof(tensor));
        }

        _tensors.Add(tensor);
        return this;
    }

    /// <summary>Total bytes <see cref="Write(Stream)"/> will produce.</summary>
    public long TotalBytes
    {
        get
        {
            using var counter = new CountingStream(Stream.Null);
            WriteHeader(counter);
            return counter.Count + _tensors.Sum(t => GgufReader.Pad(t.ByteSize, Alignment));
        }
    }

    /// <summary>Writes the whole file to <paramref name="stream"/>, starting at its current position.</summary>
    /// <exception cref="InvalidOperationException">A tensor delegate wrote a different number of bytes than its shape needs.</exception>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var counter = new CountingStream(stream);
        WriteHeader(counter);
        foreach (var tensor in _tensors)
        {
            var before = counter.Count;
            tensor.WriteData(counter);
            var written = counter.Count - before;
            if (written != tensor.ByteSize)
            {
                throw new InvalidOperationException($"Tensor '{tensor.Name}' wrote {written} bytes; its shape and type need {tensor.ByteSize}.");
            }

            WritePadding(counter);
        }

        counter.Flush();
    }

    private void WriteHeader(CountingStream output)
    {
        Span<byte> scratch = stackalloc byte[8];
        WriteU32(output, 0x46554747, scratch);
        WriteU32(output, 3, scratch);
        WriteU64(output, (ulong)_tensors.Count, scratch);
        WriteU64(output, (ulong)_metadata.Count, scratch);
        foreach (var (key, value) in _metadata)
        {
            WriteString(output, key);
            WriteValue(output, value);
        }

        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(output, tensor.Name);
            WriteU32(output, (uint)tensor.Dimensions.Count, scratch);
            foreach (var d in tensor.Dimensions)
            {
                WriteU64(output, (ulong)d, scratch);
            }

            WriteU32(output, (uint)tensor.Type, scratch);
            WriteU64(output, offset, scratch);
            offset = (ulong)GgufReader.Pad((long)offset + tensor.ByteSize, Alignment);
        }

        WritePadding(output);
    }

    private void WritePadding(CountingStream output)
    {
        var padding = (int)(GgufReader.Pad(output.Count, Alignment) - output.Count);
        if (padding > 0)
        {
            output.Write(new byte[padding]);
        }
    }

    private static void WriteU32(Stream output, uint value, Span<byte> scratch)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, value);
        output.Write(scratch[..4]);
    }

    private static void WriteU64(Stream output, ulong value, Span<byte> scratch)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(scratch, value);
        output.Write(scratch[..8]);
    }

    private static void WriteString(Stream output, string value)
    {
        Span<byte> scratch = stackalloc byte[8];
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteU64(output, (ulong)bytes.Length, scratch);
        output.Write(bytes);
    }
}
