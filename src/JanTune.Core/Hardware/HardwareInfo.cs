using System.Text.Json.Serialization;

namespace JanTune.Core.Hardware;

/// <summary>Everything JanTune knows about the machine at one moment: CPU, RAM, OS and the loaded llama.cpp backends.</summary>
/// <param name="Cpu">The host CPU.</param>
/// <param name="Memory">System RAM.</param>
/// <param name="Os">Distribution and kernel.</param>
/// <param name="CpuVariant">The ggml CPU variant loaded into this process, or null when no ggml CPU backend is loaded.</param>
/// <param name="Backends">The backends that loaded, each with its devices; empty when none did.</param>
public sealed record HardwareInfo(
    CpuInfo Cpu,
    MemoryInfo Memory,
    OsInfo Os,
    string? CpuVariant,
    IReadOnlyList<BackendSnapshot> Backends)
{
    /// <summary>
    /// The llama.cpp build of the loaded backends (distinct builds joined with <c>+</c>, which should not happen
    /// when they come from one install), or null when no backend is loaded.
    /// </summary>
    [JsonIgnore]
    public string? LlamaBuild => Backends.Count == 0
        ? null
        : string.Join('+', Backends.Select(b => b.LlamaBuild).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>Non-CPU devices across all backends (a GPU seen by both CUDA and Vulkan appears twice).</summary>
    [JsonIgnore]
    public IEnumerable<DeviceInfo> Accelerators => Backends.SelectMany(b => b.Devices).Where(d => d.Type != DeviceType.Cpu);
}
