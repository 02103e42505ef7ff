namespace JanTune.Core.Inference;

/// <summary>When generation stops.</summary>
public sealed record GenerationOptions
{
    /// <summary>Most tokens to generate.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Strings that end the generation; they are not part of the output.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Stop at end-of-generation tokens (EOS/EOT). Benchmarks turn this off to get exactly N tokens.</summary>
    public bool StopAtEndOfGeneration { get; init; } = true;
}
