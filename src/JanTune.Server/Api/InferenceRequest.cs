using JanTune.Core.Inference;

namespace JanTune.Server.Api;

/// <summary>The validated fields chat and text completions share.</summary>
internal sealed record InferenceRequest
{
    public string? Model { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary>Requested token limit; null = as much as the slot context allows.</summary>
    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>llama-server's extension: keep generating past end-of-generation tokens (benchmarks, load tests).</summary>
    public bool IgnoreEos { get; init; }

    public required SamplingOptions Sampling { get; init; }

    /// <summary>Chat: the conversation; empty for text completions.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    /// <summary>Text completions: the prompt; null for chat.</summary>
    public string? Prompt { get; init; }
}
