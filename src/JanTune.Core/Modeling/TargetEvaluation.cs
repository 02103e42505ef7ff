namespace JanTune.Core.Modeling;

/// <summary>
/// How well every model family predicts one target on one backend, by the fitter's own grouped k-fold cross-validation,
/// and which family the fitter chooses.
/// </summary>
/// <param name="Backend">cpu, vulkan or cuda.</param>
/// <param name="Target">The predicted figure.</param>
/// <param name="Rows">Measured rows (tests and repeated trials of every configuration).</param>
/// <param name="Configurations">Distinct configurations: the unit a fold holds out.</param>
/// <param name="Families">Each family's CV error, the physical baseline first (NaN when not cross-validated).</param>
/// <param name="Chosen">The family that predicts the target.</param>
public sealed record TargetEvaluation(string Backend, PerfTarget Target, int Rows, int Configurations, IReadOnlyList<FamilyScore> Families, ModelFamily Chosen)
{
    /// <summary>Folds of the cross-validation; 0 when there were too few configurations to hold any out.</summary>
    public int Folds => Families.Count == 0 ? 0 : Families.Max(f => f.Folds);

    /// <summary>The error of one family, NaN when it was not tried.</summary>
    public double Mape(ModelFamily family) => Families.FirstOrDefault(f => f.Family == family)?.CvMape ?? double.NaN;
}
