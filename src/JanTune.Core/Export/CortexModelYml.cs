namespace JanTune.Core.Export;

/// <summary>The legacy cortex.cpp model.yml that older Jan versions read (engine llama-cpp).</summary>
public sealed record CortexModelYml
{
    public string Id { get; init; } = string.Empty;

    public string Model { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public int Version { get; init; } = 1;

    public string Engine { get; init; } = "llama-cpp";

#pragma warning disable CA1002, CA2227 // YamlDotNet round-trips concrete, settable lists.
    public List<string> Files { get; set; } = [];

    public string PromptTemplate { get; init; } = string.Empty;

    public List<string> Stop { get; set; } = [];
#pragma warning restore CA1002, CA2227

    public int CtxLen { get; init; }

    public int Ngl { get; init; }

    public int CpuThreads { get; init; }

    public int NParallel { get; init; } = 1;

    public double Temperature { get; init; }

    public double TopP { get; init; }

    public int TopK { get; init; }

    public double MinP { get; init; }

    public double FrequencyPenalty { get; init; }

    public double PresencePenalty { get; init; }

    public int MaxTokens { get; init; }

    public bool Stream { get; init; } = true;
}
