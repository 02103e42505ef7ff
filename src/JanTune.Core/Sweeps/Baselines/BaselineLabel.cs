namespace JanTune.Core.Sweeps.Baselines;

/// <summary>
/// Marks a trial as the measurement of a runtime's default configuration on this machine and model, with how each
/// default was derived and the source file that sets it. Stored with the trial.
/// </summary>
/// <param name="Runtime">Whose defaults.</param>
/// <param name="Derivation">One line per field: the value, why, and the file (repository + path) it comes from.</param>
public sealed record BaselineLabel(BaselineRuntime Runtime, IReadOnlyList<string> Derivation);
