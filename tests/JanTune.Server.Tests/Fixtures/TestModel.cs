using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Server.Tests.Fixtures;

/// <summary>The tiny synthetic Q4_0 model (real GGUF, made by llama.cpp on first use) and the CPU runtime.</summary>
internal static class TestModel
{
    private static readonly Lazy<string> CachedPath = new(() =>
    {
        var paths = JanTunePaths.Discover();
        LlamaRuntime.Initialize(paths);
        return new ModelStore(paths).Ensure(SyntheticPresets.Tiny, ModelQuantization.Q4_0);
    });

    public static string Path => CachedPath.Value;
}
