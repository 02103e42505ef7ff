namespace JanTune.Core.Backends;

/// <summary>
/// The llama.cpp builds JanTune binds, pinned to node-llama-cpp 3.22.1 (llama.cpp release v0.5.0). The P/Invoke layer
/// is written against exactly this llama.h, so these versions move only together with it (and NativeAbiTests).
/// </summary>
public static class BackendCatalog
{
    public const string NodeLlamaCppVersion = "3.22.1";

    public static BackendPackage Cpu { get; } = new(
        "cpu",
        "@node-llama-cpp/linux-x64",
        NodeLlamaCppVersion,
        "sha512-5uCCDNqWCNfaAm8aR/Uzxbo4HBpKgNF91kCHPepKhgMgV2OAmatoefbOlMihsqCiH2Od35E/eUHQCFbfRBJuOg==");

    public static BackendPackage Vulkan { get; } = new(
        "vulkan",
        "@node-llama-cpp/linux-x64-vulkan",
        NodeLlamaCppVersion,
        "sha512-bBxqU+JOcBu1nb5Qj2zcMci+JByT1E8EajHvYodyNfVIPkEhXh+/HMwR1/BT7xP08YK0hks+kM8fglER0P8JEg==");

    public static BackendPackage Cuda { get; } = new(
        "cuda",
        "@node-llama-cpp/linux-x64-cuda",
        NodeLlamaCppVersion,
        "sha512-8rQCjyNNLZJUFit+YpjwlC4hwkKgOMIkB2wuycKBf8NU2O3ySKbiWZQ8aw9ku2nUTXjSnUIrE6KB88itduTBuA==");

    /// <summary>node-llama-cpp itself: it carries the llama.cpp source as llama/gitRelease.bundle (for `backends build cuda`).</summary>
    public static BackendPackage Source { get; } = new(
        "source",
        "node-llama-cpp",
        NodeLlamaCppVersion,
        "sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw==");

    /// <summary>The installable backends, in the order `auto` tries them.</summary>
    public static IReadOnlyList<BackendPackage> All { get; } = [Cpu, Vulkan, Cuda];

    /// <summary>Looks a backend up by name; an unknown name lists the valid ones.</summary>
    public static BackendPackage Get(string backend) =>
        All.FirstOrDefault(p => string.Equals(p.Backend, backend, StringComparison.OrdinalIgnoreCase))
        ?? throw new JanTuneException($"unknown backend '{backend}'", $"use one of: {string.Join(", ", All.Select(p => p.Backend))}");
}
