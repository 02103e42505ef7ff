namespace JanTune.Core.Modeling;

/// <summary>The grouped k-fold cross-validated error of one model family on one target (NaN when not cross-validated).</summary>
/// <param name="Family">The model family.</param>
/// <param name="CvMape">Mean absolute percentage error on held-out configurations, as a fraction.</param>
/// <param name="Folds">Folds it was measured over; 0 when too few configurations.</param>
public sealed record FamilyScore(ModelFamily Family, double CvMape, int Folds);
