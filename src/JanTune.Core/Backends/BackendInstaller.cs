using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace JanTune.Core.Backends;

/// <summary>
/// Fetches a pinned llama.cpp package with the npm client (never by a written-out URL), checks its sha512 against
/// <see cref="BackendCatalog"/>, and unpacks its libraries into .native/&lt;backend&gt;/ atomically: a half-finished
/// install is never visible, and concurrent installers (parallel test processes) serialize on a lock file.
/// </summary>
public sealed class BackendInstaller(JanTunePaths paths, TimeProvider? time = null)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The folder of an installed backend, installing the CPU backend on first use.</summary>
    public string EnsureInstalled(string backend, Action<string>? log = null)
    {
        var package = BackendCatalog.Get(backend);
        var folder = paths.BackendDir(package.Backend);
        if (ReadManifest(folder) is { } manifest && FilesPresent(folder, manifest))
        {
            return folder;
        }

        if (package != BackendCatalog.Cpu)
        {
            throw new JanTuneException($"the {package.Backend} backend is not installed", $"run `jantune backends install {package.Backend}`");
        }

        return Install(package.Backend, log);
    }

    /// <summary>Downloads (through npm), verifies and installs a backend, replacing an existing install.</summary>
    public string Install(string backend, Action<string>? log = null)
    {
        var package = BackendCatalog.Get(backend);
        Directory.CreateDirectory(paths.NativeDir);
        using var gate = AcquireLock();
        var folder = paths.BackendDir(package.Backend);
        if (ReadManifest(folder) is { } existing && FilesPresent(folder, existing) && existing.Integrity == package.Integrity)
        {
            return folder; // another process finished it while we waited for the lock
        }

        var tarball = NpmPacker.Pack(package, Path.Combine(paths.CacheDir, "npm"), log);
        VerifyIntegrity(tarball, package);
        var staging = Path.Combine(paths.NativeDir, $".staging-{package.Backend}-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var files = ExtractLibraries(tarball, staging);
        var manifest = new BackendManifest(package.Backend, package.NpmName, package.Version, package.Integrity, _time.GetUtcNow(), files);
        File.WriteAllText(Path.Combine(staging, BackendManifest.FileName), JsonSerializer.Serialize(manifest, JsonOptions));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Move(staging, folder);
        log?.Invoke($"installed {package.Spec} ({files.Count} libraries) into {folder}");
        return folder;
    }

    /// <summary>The manifest of an installed backend, or null when none is installed.</summary>
    public static BackendManifest? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, BackendManifest.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BackendManifest>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Files whose size or SHA-256 no longer match the manifest (a corrupt install), by name.</summary>
    public static IReadOnlyList<string> FindCorruptFiles(string folder, BackendManifest manifest)
    {
        var bad = new List<string>();
        var local = CudaBackendBuilder.LocallyBuilt(folder);
        foreach (var file in manifest.Files.Where(f => !local.Contains(f.Name)))
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path) || new FileInfo(path).Length != file.Size || Sha256(path) != file.Sha256)
            {
                bad.Add(file.Name);
            }
        }

        return bad;
    }

    private static bool FilesPresent(string folder, BackendManifest manifest)
    {
        var local = CudaBackendBuilder.LocallyBuilt(folder);
        return manifest.Files.All(f => new FileInfo(Path.Combine(folder, f.Name)) is { Exists: true } fi && (fi.Length == f.Size || local.Contains(f.Name)));
    }

    internal static void VerifyIntegrity(string tarball, BackendPackage package)
    {
        using var stream = File.OpenRead(tarball);
        var actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
        if (!string.Equals(actual, package.Integrity, StringComparison.Ordinal))
        {
            File.Delete(tarball);
            throw new JanTuneException(
                $"{package.Spec} failed its integrity check: expected {package.Integrity}, got {actual}",
                "the download was corrupted or the registry served a different file; run the install again, and report it if it persists");
        }
    }

    /// <summary>Copies package/bins/&lt;platform&gt;/* (shared libraries only) out of the npm tarball.</summary>
    private static List<BackendFile> ExtractLibraries(string tarball, string target)
    {
        var files = new List<BackendFile>();
        using var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var reader = new TarReader(gz);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.Replace('\\', '/');
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !name.StartsWith("package/bins/", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = Path.GetFileName(name);
            if (!fileName.EndsWith(".so", StringComparison.Ordinal) && !fileName.Contains(".so.", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.Combine(target, fileName);
            entry.ExtractToFile(path, overwrite: true);
            files.Add(new BackendFile(fileName, new FileInfo(path).Length, Sha256(path)));
        }

        if (!files.Any(f => f.Name.StartsWith("libllama", StringComparison.Ordinal)))
        {
            throw new JanTuneException($"{tarball} holds no libllama*.so under package/bins/", "the package layout changed; pin the version in BackendCatalog");
        }

        return files;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private FileStream AcquireLock() => FileLock.Acquire(Path.Combine(paths.NativeDir, ".install.lock"), TimeSpan.FromMinutes(10));
}
