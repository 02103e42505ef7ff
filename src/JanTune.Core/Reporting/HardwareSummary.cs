namespace JanTune.Core.Reporting;

/// <summary>What the report says about the machine; a flat copy of the hardware profile, null where unknown.</summary>
public sealed record HardwareSummary(string ProfileId)
{
    public string? Cpu { get; init; }

    public int? Cores { get; init; }

    public long? RamBytes { get; init; }

    public string? Os { get; init; }

    /// <summary>One line per GPU, e.g. "NVIDIA H200 (139 GiB)".</summary>
    public IReadOnlyList<string> Gpus { get; init; } = [];

    public string? LlamaBuild { get; init; }

    /// <summary>Backends measured or installed: cpu, vulkan, cuda.</summary>
    public IReadOnlyList<string> Backends { get; init; } = [];
}
