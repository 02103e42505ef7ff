namespace JanTune.Core.Export;

/// <summary>
/// What an export did: the files written, the backups of the files they replaced, and what the runtime will not
/// apply (a tuned setting it cannot express, or one left unwritten), so the CLI can say so instead of dropping it.
/// </summary>
public sealed record ExportResult
{
    public IReadOnlyList<string> Files { get; init; } = [];

    public IReadOnlyList<string> Backups { get; init; } = [];

    /// <summary>One sentence each: a tuned setting the runtime does not get, and why.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
