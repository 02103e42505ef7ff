using JanTune.Core;
using JanTune.Core.Inference;

namespace JanTune.Native.Tests;

/// <summary>Installs (first run: npm) and loads the CPU backend once for the test assembly.</summary>
public sealed class NativeRuntimeFixture
{
    public NativeRuntimeFixture()
    {
        LlamaRuntime.Initialize(JanTunePaths.Discover());
    }
}

[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeRuntimeFixture>
{
    public const string Name = "native";
}
