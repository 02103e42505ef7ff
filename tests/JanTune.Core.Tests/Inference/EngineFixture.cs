using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Core.Tests.Inference;

/// <summary>
/// Loads the CPU backend and makes the tiny synthetic model (F16 written by us, quantized by llama.cpp) once per run.
/// Tests never skip for lack of a model: this fixture makes it.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Paths = JanTunePaths.Discover();
        LlamaRuntime.Initialize(Paths);
        var store = new ModelStore(Paths);
        Q4Path = store.Ensure(SyntheticPresets.Tiny, ModelQuantization.Q4_0);
        Q8Path = store.Ensure(SyntheticPresets.Tiny, ModelQuantization.Q8_0);
        Q4 = LlamaModel.Load(Q4Path);
    }

    public JanTunePaths Paths { get; }

    public string Q4Path { get; }

    public string Q8Path { get; }

    /// <summary>A shared loaded model; tests create their own contexts (a context is single-threaded).</summary>
    public LlamaModel Q4 { get; }

    public static ContextOptions OneThread(int ctx = 512, int batch = 512, int sequences = 1) =>
        new() { ContextSize = ctx, BatchSize = batch, UBatchSize = Math.Min(batch, 512), Threads = 1, MaxSequences = sequences };

    public void Dispose() => Q4.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
