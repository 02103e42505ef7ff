namespace JanTune.Core.Backends;

/// <summary>An npm package that carries prebuilt llama.cpp libraries, pinned by version and sha512 integrity.</summary>
public sealed record BackendPackage(string Backend, string NpmName, string Version, string Integrity)
{
    /// <summary>The npm spec, e.g. @node-llama-cpp/linux-x64@3.22.1.</summary>
    public string Spec => $"{NpmName}@{Version}";
}
