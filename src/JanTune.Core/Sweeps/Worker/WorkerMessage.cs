namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// Worker to orchestrator, one line on stdout prefixed with <see cref="Prefix"/> (anything else on stdout, such as a
/// native library printing, is treated as log). Types: <c>started</c> (a trial began: the orchestrator now knows whom
/// a crash belongs to and restarts the per-trial timeout), <c>result</c> (a finished trial, ok or failed),
/// <c>skipped</c> (time budget, or llama.cpp's dry run says it does not fit), <c>cancelled</c>, and <c>done</c> (the request is complete).
/// </summary>
public sealed record WorkerMessage
{
    public const string Prefix = "@jantune-worker ";

    public required string Type { get; init; }

    public string? TrialId { get; init; }

    public TrialResult? Result { get; init; }

    /// <summary>Why a trial was skipped.</summary>
    public string? Reason { get; init; }
}
