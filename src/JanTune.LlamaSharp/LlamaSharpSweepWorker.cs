using JanTune.Core.Sweeps.Worker;

namespace JanTune.LlamaSharp;

/// <summary>
/// `jantune-llamasharp sweep-worker`: the llamasharp engine's worker. It speaks the npm worker's line protocol
/// (<see cref="EngineWorker"/>) and measures with the same scheme (<see cref="EdgeSampledMeasurement"/>), but loads and
/// decodes through LLamaSharp's own API and its own libllama, so it never shares a process with JanTune.Native.
/// </summary>
internal sealed partial class LlamaSharpSweepWorker(TextWriter output) : EngineWorker(output)
{
    /// <summary>Serves requests from <paramref name="input"/> until it closes or a cancel arrives.</summary>
    public static Task<int> RunAsync(TextReader input, TextWriter output) => new LlamaSharpSweepWorker(output).RunAsync(input);
}
