namespace JanTune.Core.Modeling;

/// <summary>What the performance model predicts.</summary>
public enum PerfTarget
{
    /// <summary>Prompt processing, tokens per second.</summary>
    PromptTokensPerSecond,

    /// <summary>Generation, tokens per second.</summary>
    GenerationTokensPerSecond,

    /// <summary>Time to first token of a prompt test, milliseconds.</summary>
    TimeToFirstTokenMs,

    /// <summary>Peak resident set size, bytes.</summary>
    PeakRamBytes,

    /// <summary>Device (GPU) memory, bytes.</summary>
    PeakVramBytes,
}
