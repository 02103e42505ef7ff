namespace JanTune.Core.Modeling;

/// <summary>A predicted figure with its uncertainty (± one cross-validated error), in the target's unit.</summary>
public sealed record PerfPrediction(PerfTarget Target, double Value, double Uncertainty)
{
    public double Lower => Math.Max(0, Value - Uncertainty);

    public double Upper => Value + Uncertainty;
}
