namespace JanTune.Core.Hardware;

/// <summary>What one loaded llama.cpp backend reported about itself and its devices.</summary>
/// <param name="Backend">Backend name as JanTune installs it: <c>cpu</c>, <c>cuda</c>, <c>vulkan</c>.</param>
/// <param name="LlamaBuild">The llama.cpp build string (for example a release tag or commit) of the libraries loaded.</param>
/// <param name="CpuVariant">
/// The <c>libggml-cpu-&lt;variant&gt;.so</c> ggml chose for this CPU (see <see cref="GgmlCpuVariant"/>), or null when unknown.
/// </param>
/// <param name="Devices">The devices the backend enumerated.</param>
public sealed record BackendSnapshot(
    string Backend,
    string LlamaBuild,
    string? CpuVariant,
    IReadOnlyList<DeviceInfo> Devices)
{
    /// <summary>Why the backend's devices could not be enumerated (its probe failed), so an empty list is not read as "no GPU".</summary>
    public string? ProbeError { get; init; }
}
