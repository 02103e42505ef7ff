namespace JanTune.Core.Gguf;

/// <summary>
/// The header of a GGUF file: metadata in file order, tensor infos in file order, and where the data lies.
/// Tensor data itself is not loaded; <see cref="DataOffset"/> plus a tensor's offset locates it.
/// </summary>
public sealed partial class GgufFile
{
    /// <summary>The metadata key GGUF uses for the data alignment.</summary>
    public const string AlignmentKey = "general.alignment";

    /// <summary>Alignment when the file does not set <see cref="AlignmentKey"/>.</summary>
    public const int DefaultAlignment = 32;

    public GgufFile(
        uint version,
        IReadOnlyDictionary<string, GgufValue> metadata,
        IReadOnlyList<GgufTensorInfo> tensors,
        long dataOffset,
        int alignment,
        long fileLength)
    {
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        DataOffset = dataOffset;
        Alignment = alignment;
        FileLength = fileLength;
    }

    public uint Version { get; }

    /// <summary>Key-value metadata; enumerates in the order the file stores it.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Absolute file position where tensor data starts.</summary>
    public long DataOffset { get; }

    public int Alignment { get; }

    /// <summary>Length of the file (or stream) the header was read from.</summary>
    public long FileLength { get; }

    /// <summary>The tensor with this name, or null.</summary>
    public GgufTensorInfo? FindTensor(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}
