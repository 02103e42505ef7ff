using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// The performance model of one hardware profile: one <see cref="TargetModel"/> per (backend, target) that had data.
/// Persisted as <c>profiles/&lt;id&gt;/perf-model.json</c> by <see cref="PerfModelStore"/>.
/// </summary>
public sealed record PerfModel
{
    public required string ProfileId { get; init; }

    public DateTimeOffset FittedAt { get; init; }

    public required IReadOnlyList<TargetModel> Targets { get; init; }

    /// <summary>The model of a target on a backend, or null when no trial measured it.</summary>
    public TargetModel? Find(PerfTarget target, string backend) =>
        Targets.FirstOrDefault(t => t.Target == target && string.Equals(t.Backend, backend, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Predicts <paramref name="target"/> for a configuration (for speeds, on the test given or pp512 / tg128), or
    /// null when this profile has no model for that target on the config's backend.
    /// </summary>
    public PerfPrediction? Predict(PerfTarget target, TrialConfig config, ModelFacts facts, TrialTest? test = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = Find(target, config.Backend);
        if (model is null)
        {
            return null;
        }

        test ??= target == PerfTarget.GenerationTokensPerSecond ? TrialTest.Tg128 : TrialTest.Pp512;
        var response = PerfModelFitter.PhysicalResponse(target, model.Coefficients, model.ThreadSaturation, config, test, facts);
        if (model.Predictor != ModelFamily.Physical)
        {
            var learned = model.Learned ?? throw new InvalidOperationException($"{model.Backend} {target} is predicted by {model.Predictor} but its ML.NET model was not loaded");
            response = learned.PredictResponse(config, test, facts, response);
        }

        var value = PerfBasis.FromResponse(target, response, test);
        return new PerfPrediction(target, value, value * model.RelativeUncertainty) { CrossValidated = double.IsFinite(model.CvMape) };
    }
}
