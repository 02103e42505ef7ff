namespace JanTune.Core.Modeling;

/// <summary>A predicted figure with its uncertainty (± one cross-validated error), in the target's unit.</summary>
public sealed record PerfPrediction(PerfTarget Target, double Value, double Uncertainty)
{
    public double Lower => Math.Max(0, Value - Uncertainty);

    /// <summary>
    /// False when the uncertainty is the fixed 25% assumed for a model with too few trials to cross-validate, not an
    /// error that was measured: shown as such, never as a confidence.
    /// </summary>
    public bool CrossValidated { get; init; } = true;

    public double Upper => Value + Uncertainty;
}
