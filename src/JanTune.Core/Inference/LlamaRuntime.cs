using JanTune.Core.Backends;
using JanTune.Native;

namespace JanTune.Core.Inference;

/// <summary>
/// Binds this process to one installed llama.cpp backend (installing the CPU one on first use) and starts it.
/// One process, one backend: the sweep runs other backends in child workers.
/// </summary>
public static class LlamaRuntime
{
    /// <summary>The backend this process was initialized with, or null.</summary>
    public static string? Backend { get; private set; }

    /// <summary>Ensures the backend is installed and loaded. Idempotent for the same backend.</summary>
    public static void Initialize(JanTunePaths paths, string backend = "cpu", Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (Backend is not null && !string.Equals(Backend, backend, StringComparison.OrdinalIgnoreCase))
        {
            throw new JanTuneException(
                $"this process already runs the {Backend} backend and cannot switch to {backend}",
                "run each backend in its own process");
        }

        var folder = new BackendInstaller(paths).EnsureInstalled(backend, log);
        try
        {
            LlamaBackend.Initialize(folder, $"reinstall it with `jantune backends install {backend}`");
        }
        catch (LlamaNativeException ex)
        {
            throw new JanTuneException(ex.Message, ex.Hint, ex);
        }

        Backend = backend.ToLowerInvariant();
    }
}
