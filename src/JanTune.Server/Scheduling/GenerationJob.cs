using System.Threading.Channels;
using JanTune.Core.Inference;

namespace JanTune.Server.Scheduling;

/// <summary>
/// One request handed to the scheduler: the prompt tokens, how to sample, when to stop, and the channel its text
/// comes back on. The request thread reads the channel; only the scheduler thread writes it.
/// </summary>
internal sealed class GenerationJob
{
    public GenerationJob(int[] prompt, SamplingOptions sampling, int maxTokens, IReadOnlyList<string> stop, CancellationToken cancellation)
    {
        Prompt = prompt;
        Sampling = sampling;
        MaxTokens = maxTokens;
        Stop = stop;
        Cancellation = cancellation;
    }

    public int[] Prompt { get; }

    public SamplingOptions Sampling { get; }

    /// <summary>The requested limit; the scheduler clips it to what the slot context has left.</summary>
    public int MaxTokens { get; }

    public IReadOnlyList<string> Stop { get; }

    /// <summary>End-of-generation tokens do not end the job (they produce no text).</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>The client's request-aborted token: the scheduler drops the job between steps once it fires.</summary>
    public CancellationToken Cancellation { get; }

    public Channel<GenerationEvent> Events { get; } = Channel.CreateUnbounded<GenerationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>When the job was queued (TimeProvider timestamp), for time to first token.</summary>
    public long QueuedAt { get; set; }

    /// <summary>Generated tokens that count as output (end-of-generation tokens excluded); final once finished.</summary>
    public int CompletionTokens { get; set; }
}
