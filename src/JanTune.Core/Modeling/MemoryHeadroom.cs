namespace JanTune.Core.Modeling;

/// <summary>Memory to leave free: a fraction of what is available, a number of bytes, or both (the larger wins).</summary>
public sealed record MemoryHeadroom(double Fraction = 0, long Bytes = 0)
{
    public static MemoryHeadroom None { get; } = new();

    /// <summary>What remains usable of <paramref name="available"/> bytes once the headroom is set aside.</summary>
    public long Usable(long available) => available - Math.Max(Bytes, (long)(available * Fraction));
}
