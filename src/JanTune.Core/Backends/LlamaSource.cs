using System.Formats.Tar;
using System.IO.Compression;

namespace JanTune.Core.Backends;

/// <summary>
/// The llama.cpp source JanTune binds: node-llama-cpp 3.22.1's llama/gitRelease.bundle, fetched with npm, checked
/// against the pinned sha512 and cloned once into the cache. Local builds (the CUDA backend, llama-bench and
/// llama-server as references) come from here and nowhere else.
/// </summary>
public sealed class LlamaSource(JanTunePaths paths)
{
    /// <summary>The cloned source folder (holds CMakeLists.txt, ggml/, tools/).</summary>
    public string Folder => Path.Combine(paths.CacheDir, "llama-src");

    /// <summary>Fetches, verifies and clones the bundle unless the clone is already there; returns its folder.</summary>
    public string Ensure(Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (File.Exists(Path.Combine(Folder, "tools", "llama-bench", "llama-bench.cpp")))
        {
            return Folder;
        }

        var tarball = NpmPacker.Pack(BackendCatalog.Source, Path.Combine(paths.CacheDir, "npm"), log);
        BackendInstaller.VerifyIntegrity(tarball, BackendCatalog.Source);
        var bundle = Path.Combine(paths.CacheDir, "gitRelease.bundle");
        using (var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var reader = new TarReader(gz))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.Name == "package/llama/gitRelease.bundle")
                {
                    entry.ExtractToFile(bundle, overwrite: true);
                }
            }
        }

        if (!File.Exists(bundle))
        {
            throw new JanTuneException($"{BackendCatalog.Source.Spec} holds no llama/gitRelease.bundle", "the package layout changed; pin another version");
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true); // a clone cut short by a kill
        }

        CudaBackendBuilder.Run("git", ["clone", "--quiet", bundle, Folder], log);
        return Folder;
    }

    /// <summary>The llama.cpp root of a source folder given by a person: the folder itself, or the parent of its ggml/.</summary>
    public static string Root(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder);
        foreach (var candidate in new[] { full, Path.GetDirectoryName(full.TrimEnd('/')) ?? full })
        {
            if (File.Exists(Path.Combine(candidate, "CMakeLists.txt")) && Directory.Exists(Path.Combine(candidate, "ggml")) && File.Exists(Path.Combine(candidate, "include", "llama.h")))
            {
                return candidate;
            }
        }

        throw new JanTuneException($"{folder} is not a llama.cpp source folder (no CMakeLists.txt with ggml/ and include/llama.h)", "pass the root of the llama.cpp source with --source, or leave --source out to use the pinned bundle");
    }
}
