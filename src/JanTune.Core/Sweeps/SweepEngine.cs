using System.Text.Json.Serialization;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Which llama.cpp build and binding measures a trial. Each engine runs in a worker process of its own, because each
/// loads its own libllama. <see cref="SweepEngines"/> is the one table of their names, builds and workers.
/// </summary>
public enum SweepEngine
{
    /// <summary>The node-llama-cpp npm build through JanTune's own binding (JanTune.Native): what serve and every export run on.</summary>
    [JsonStringEnumMemberName("npm")]
    Npm,

    /// <summary>LLamaSharp 0.30.0's own API and its own libllama (LLamaSharp.Backend.Cpu), in <c>jantune-llamasharp sweep-worker</c>.</summary>
    [JsonStringEnumMemberName("llamasharp")]
    LlamaSharp,
}
