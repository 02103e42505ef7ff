using JanTune.Core.Inference;

namespace JanTune.Server.Scheduling;

/// <summary>One sequence of the shared context and the job it currently serves. Owned by the scheduler thread.</summary>
internal sealed class Slot(int sequence) : IDisposable
{
    public int Sequence { get; } = sequence;

    public GenerationJob? Job { get; private set; }

    public SamplerChain? Sampler { get; private set; }

    public StreamingText? Text { get; private set; }

    /// <summary>Where the next token goes in this sequence.</summary>
    public int Position { get; set; }

    /// <summary>The last sampled token: the input of this slot's next decode.</summary>
    public int LastToken { get; set; }

    /// <summary>Tokens sampled so far (end-of-generation included).</summary>
    public int Sampled { get; set; }

    /// <summary>The effective limit: the request's, clipped to the slot's free context.</summary>
    public int MaxTokens { get; set; }

    /// <summary>Output index of this slot's token in the current batch.</summary>
    public int OutputIndex { get; set; }

    public bool IsBusy => Job is not null;

    public void Assign(GenerationJob job, SamplerChain sampler, int maxTokens)
    {
        Job = job;
        Sampler = sampler;
        Text = new StreamingText(job.Stop);
        Position = 0;
        Sampled = 0;
        MaxTokens = maxTokens;
    }

    public void Release()
    {
        Sampler?.Dispose();
        Sampler = null;
        Job = null;
        Text = null;
    }

    public void Dispose() => Release();
}
