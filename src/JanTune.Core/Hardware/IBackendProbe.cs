namespace JanTune.Core.Hardware;

/// <summary>
/// Loads or inspects the installed llama.cpp backends and reports what each one sees. Kept behind an interface
/// so hardware detection does not depend on the native engine layer and tests can supply any device list.
/// </summary>
public interface IBackendProbe
{
    /// <summary>One snapshot per backend that loaded; empty when none is installed or none loaded.</summary>
    IReadOnlyList<BackendSnapshot> Probe();
}
