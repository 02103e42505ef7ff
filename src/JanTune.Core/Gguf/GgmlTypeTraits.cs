namespace JanTune.Core.Gguf;

/// <summary>
/// Block layout of each <see cref="GgmlType"/>, copied from ggml.c's type_traits (block size) and the
/// block structs in ggml-common.h (bytes per block), so tensor sizes and bits per weight come out exact.
/// </summary>
public static class GgmlTypeTraits
{
    private const int QK = 256;

    /// <summary>Elements per block; a row's length must be a multiple of it.</summary>
    public static int BlockSize(this GgmlType type) => Traits(type).BlockSize;

    /// <summary>Bytes that one block occupies in the file.</summary>
    public static int BytesPerBlock(this GgmlType type) => Traits(type).BytesPerBlock;

    /// <summary>Bits per element, including the block's scales.</summary>
    public static double BitsPerWeight(this GgmlType type) => 8.0 * type.BytesPerBlock() / type.BlockSize();

    /// <summary>Whether the id names a type this build of ggml can store in a GGUF file.</summary>
    public static bool IsKnown(this GgmlType type) => TryTraits(type, out _);

    /// <summary>Bytes of <paramref name="elements"/> values; the count must be a multiple of the block size.</summary>
    /// <exception cref="ArgumentException">The count is not a whole number of blocks.</exception>
    /// <exception cref="OverflowException">The size does not fit in 64 bits.</exception>
    public static long ByteCount(this GgmlType type, long elements)
    {
        var (block, bytes) = Traits(type);
        if (elements < 0 || elements % block != 0)
        {
            throw new ArgumentException($"{elements} elements is not a whole number of {type} blocks of {block}.", nameof(elements));
        }

        return checked(elements / block * bytes);
    }

    internal static bool TryTraits(GgmlType type, out (int BlockSize, int BytesPerBlock) traits)
    {
        traits = type switch
        {
            GgmlType.F32 => (1, 4),
            GgmlType.F16 => (1, 2),
            GgmlType.BF16 => (1, 2),
            GgmlType.F64 => (1, 8),
            GgmlType.I8 => (1, 1),
            GgmlType.I16 => (1, 2),
            GgmlType.I32 => (1, 4),
            GgmlType.I64 => (1, 8),
            GgmlType.Q4_0 => (32, 18),
            GgmlType.Q4_1 => (32, 20),
            GgmlType.Q5_0 => (32, 22),
            GgmlType.Q5_1 => (32, 24),
            GgmlType.Q8_0 => (32, 34),
            GgmlType.Q8_1 => (32, 36),
            GgmlType.Q2_K => (QK, 84),
            GgmlType.Q3_K => (QK, 110),
            GgmlType.Q4_K => (QK, 144),
            GgmlType.Q5_K => (QK, 176),
            GgmlType.Q6_K => (QK, 210),
            GgmlType.Q8_K => (QK, 292),
            GgmlType.IQ2_XXS => (QK, 66),
            GgmlType.IQ2_XS => (QK, 74),
            GgmlType.IQ3_XXS => (QK, 98),
            GgmlType.IQ1_S => (QK, 50),
            GgmlType.IQ4_NL => (32, 18),
            GgmlType.IQ3_S => (QK, 110),
            GgmlType.IQ2_S => (QK, 82),
            GgmlType.IQ4_XS => (QK, 136),
            GgmlType.IQ1_M => (QK, 56),
            GgmlType.TQ1_0 => (QK, 54),
            GgmlType.TQ2_0 => (QK, 66),
            GgmlType.MXFP4 => (32, 17),
            GgmlType.NVFP4 => (64, 36),
            GgmlType.Q1_0 => (128, 18),
            GgmlType.Q2_0 => (64, 18),
            _ => (0, 0),
        };
        return traits.BlockSize != 0;
    }

    private static (int BlockSize, int BytesPerBlock) Traits(GgmlType type) =>
        TryTraits(type, out var traits)
            ? traits
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a ggml type this build knows.");
}
