namespace JanTune.Core.Reporting;

/// <summary>The performance model's predictions with its cross-validated error per target.</summary>
/// <param name="Predictions">One per configuration and test.</param>
/// <param name="CrossValidatedMape">Mean absolute percentage error by target (e.g. "pp512", "tg128", "memory"), in percent.</param>
public sealed record PredictionSet(IReadOnlyList<Prediction> Predictions, IReadOnlyDictionary<string, double> CrossValidatedMape)
{
    /// <summary>Per backend and target, which model family predicts and its grouped-CV error against the others.</summary>
    public IReadOnlyList<string> Predictors { get; init; } = [];
}
