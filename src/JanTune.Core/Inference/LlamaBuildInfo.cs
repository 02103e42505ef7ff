using System.Security.Cryptography;
using JanTune.Core.Backends;

namespace JanTune.Core.Inference;

/// <summary>
/// Names the llama.cpp build of a backend folder: the pinned package it came from, plus a hash of any library that
/// was added later (a from-source CUDA build), so results of different builds never share a profile.
/// </summary>
public static class LlamaBuildInfo
{
    public static string Describe(string backendFolder)
    {
        var manifest = BackendInstaller.ReadManifest(backendFolder);
        if (manifest is null)
        {
            return "unknown (no install manifest in " + Path.GetFileName(backendFolder) + ")";
        }

        var known = manifest.Files.ToDictionary(f => f.Name, f => f.Size, StringComparer.Ordinal);
        var local = Directory.EnumerateFiles(backendFolder, "*.so")
            .Where(f => !known.TryGetValue(Path.GetFileName(f), out var size) || size != new FileInfo(f).Length)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var build = $"{manifest.Package}@{manifest.Version}";
        if (local.Count == 0)
        {
            return build;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in local)
        {
            using var stream = File.OpenRead(file);
            sha.AppendData(SHA256.HashData(stream));
        }

        return build + "+local-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
