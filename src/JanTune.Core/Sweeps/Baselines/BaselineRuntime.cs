namespace JanTune.Core.Sweeps.Baselines;

/// <summary>A runtime whose out-of-the-box configuration the sweep measures as a baseline, to state what tuning bought.</summary>
public enum BaselineRuntime
{
    /// <summary>llama-server of the pinned llama.cpp build, started with no tuning flags.</summary>
    LlamaServer,

    /// <summary>Jan's llama.cpp extension with its settings and model.yml as Jan writes them.</summary>
    Jan,

    /// <summary>Ollama with no Modelfile parameters and no environment overrides.</summary>
    Ollama,
}

/// <summary>The runtimes' names as people write them.</summary>
public static class BaselineRuntimeNames
{
    public static string Name(this BaselineRuntime runtime) => runtime switch
    {
        BaselineRuntime.LlamaServer => "llama-server",
        BaselineRuntime.Jan => "Jan",
        BaselineRuntime.Ollama => "Ollama",
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, null),
    };

    /// <summary>"Jan's defaults", "llama-server's defaults".</summary>
    public static string Defaults(this BaselineRuntime runtime) => runtime.Name() + "'s defaults";
}
