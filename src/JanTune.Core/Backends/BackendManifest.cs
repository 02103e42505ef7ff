namespace JanTune.Core.Backends;

/// <summary>
/// Written into a backend folder after a verified install: what came from where, and each file's size and SHA-256,
/// so a truncated or modified library is detected before it is dlopen'ed.
/// </summary>
public sealed record BackendManifest(
    string Backend,
    string Package,
    string Version,
    string Integrity,
    DateTimeOffset InstalledAt,
    IReadOnlyList<BackendFile> Files)
{
    public const string FileName = "jantune-backend.json";
}

/// <summary>One installed library file.</summary>
public sealed record BackendFile(string Name, long Size, string Sha256);
