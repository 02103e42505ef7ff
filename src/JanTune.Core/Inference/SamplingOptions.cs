namespace JanTune.Core.Inference;

/// <summary>How the next token is chosen. Temperature 0 (or below) is greedy.</summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; } = 0.8f;

    /// <summary>Keep the k most likely tokens; 0 disables.</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Nucleus sampling; 1 disables.</summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>Drop tokens below this fraction of the best one's probability; 0 disables.</summary>
    public float MinP { get; init; } = 0.05f;

    /// <summary>Multiplicative repetition penalty; 1 disables.</summary>
    public float RepeatPenalty { get; init; } = 1.0f;

    /// <summary>OpenAI-style presence penalty (subtracted once per seen token); 0 disables.</summary>
    public float PresencePenalty { get; init; }

    /// <summary>OpenAI-style frequency penalty (subtracted per occurrence); 0 disables.</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at.</summary>
    public int PenaltyLastN { get; init; } = 64;

    /// <summary>Seed of the final random draw: the same seed gives the same tokens.</summary>
    public uint Seed { get; init; } = 42;

    /// <summary>Deterministic argmax decoding.</summary>
    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };
}
