namespace JanTune.Core.Hardware;

/// <summary>
/// A probe that reports no backends. It stands in until the native engine layer supplies the probe that loads
/// the installed llama.cpp backends; reports built with it say "no backend loaded" rather than guess devices.
/// </summary>
public sealed class NoBackendProbe : IBackendProbe
{
    /// <inheritdoc />
    public IReadOnlyList<BackendSnapshot> Probe() => [];
}
