namespace JanTune.Core.Backends;

/// <summary>What `backends verify` found for one backend: whether a tiny decode worked, on which devices, or why not.</summary>
public sealed record BackendProbeResult(
    string Backend,
    bool Works,
    string? Reason,
    string? Build,
    IReadOnlyList<string> Devices,
    double? TokensPerSecond);
