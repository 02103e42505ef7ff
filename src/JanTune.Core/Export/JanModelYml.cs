namespace JanTune.Core.Export;

/// <summary>
/// Jan's per-model model.yml (llamacpp extension, Jan 0.6+): where the file is and what it is. The load settings
/// live in the extension's settings, see <see cref="JanLlamacppSettings"/>.
/// </summary>
public sealed record JanModelYml
{
    public string ModelPath { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public long SizeBytes { get; init; }

    public bool Embedding { get; init; }

    public string? Sha256 { get; init; }
}
