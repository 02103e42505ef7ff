namespace JanTune.Core.Modeling;

/// <summary>How far off one model family was on configurations outside everything it was trained on.</summary>
/// <param name="Backend">The backend of the trials.</param>
/// <param name="Target">The predicted figure.</param>
/// <param name="Family">The model family.</param>
/// <param name="TrainConfigs">Distinct configurations it was trained on.</param>
/// <param name="TestConfigs">Distinct configurations it predicted.</param>
/// <param name="Mape">Mean absolute percentage error on the predicted trials, as a fraction.</param>
public sealed record ExtrapolationError(string Backend, PerfTarget Target, ModelFamily Family, int TrainConfigs, int TestConfigs, double Mape)
{
    /// <summary>The error on each predicted configuration, in the order of the configuration keys.</summary>
    public IReadOnlyList<HeldOutConfiguration> Configurations { get; init; } = [];

    /// <summary>Measured rows it was trained on (tests and repeated trials of the training configurations).</summary>
    public int TrainRows { get; init; }
}
