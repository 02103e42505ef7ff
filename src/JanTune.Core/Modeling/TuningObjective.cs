namespace JanTune.Core.Modeling;

/// <summary>What "best" means.</summary>
public enum TuningObjective
{
    /// <summary>Highest generation tokens/s.</summary>
    Generation,

    /// <summary>Highest prompt tokens/s.</summary>
    Prompt,

    /// <summary>Geometric mean of prompt and generation speed, each normalized by its best over the candidates.</summary>
    Balanced,

    /// <summary>Fewest joules per generated token; needs measured energy, never estimated.</summary>
    Energy,
}
