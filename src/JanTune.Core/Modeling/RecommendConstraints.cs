namespace JanTune.Core.Modeling;

/// <summary>Limits a recommendation must respect. Memory limits are checked against the upper end of the prediction and any measurement.</summary>
public sealed record RecommendConstraints
{
    public static RecommendConstraints None { get; } = new();

    /// <summary>Smallest acceptable context, tokens.</summary>
    public int MinContext { get; init; }

    public long? MaxRamBytes { get; init; }

    public long? MaxVramBytes { get; init; }

    /// <summary>Memory left free below each maximum.</summary>
    public MemoryHeadroom Headroom { get; init; } = MemoryHeadroom.None;
}
