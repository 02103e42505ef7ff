using System.Text.Json.Serialization;
using JanTune.Core.Modeling.Learned;

namespace JanTune.Core.Modeling;

/// <summary>
/// The fitted model of one target on one backend: named terms (see the basis in the fitter's docs), their
/// coefficients, the thread saturation t_sat, and how well it cross-validates.
/// </summary>
public sealed record TargetModel
{
    public required PerfTarget Target { get; init; }

    /// <summary>cpu, vulkan or cuda: each backend gets its own coefficients.</summary>
    public required string Backend { get; init; }

    /// <summary>Term name to coefficient, for the terms kept (thin data keeps fewer).</summary>
    public required IReadOnlyDictionary<string, double> Coefficients { get; init; }

    /// <summary>Thread count at which adding threads stops paying (s(t) = t / (1 + (t − 1)/t_sat)).</summary>
    public double ThreadSaturation { get; init; } = 1e6;

    /// <summary>Trials the model was fitted on.</summary>
    public int Samples { get; init; }

    /// <summary>
    /// k-fold cross-validated mean absolute percentage error (as a fraction) of the family that predicts
    /// (<see cref="Predictor"/>), NaN when too few trials.
    /// </summary>
    public double CvMape { get; init; } = double.NaN;

    /// <summary>Folds used for <see cref="CvMape"/> (min(5, distinct configurations)); 0 when not cross-validated.</summary>
    public int Folds { get; init; }

    /// <summary>In words: which terms were kept and why, e.g. thin data.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>The family that predicts this target: the one with the lowest grouped-CV error in <see cref="Families"/>.</summary>
    public ModelFamily Predictor { get; init; } = ModelFamily.Physical;

    /// <summary>The grouped-CV error of every family tried, the physical baseline first.</summary>
    public IReadOnlyList<FamilyScore> Families { get; init; } = [];

    /// <summary>The ML.NET model's zip, beside perf-model.json in the profile's folder; null when the physical model predicts.</summary>
    public string? LearnedModelFile { get; init; }

    /// <summary>The trained ML.NET model when <see cref="Predictor"/> is one (loaded from <see cref="LearnedModelFile"/>).</summary>
    [JsonIgnore]
    internal LearnedPredictor? Learned { get; init; }

    /// <summary>Relative uncertainty used for predictions: the CV error, at least 2%, 25% when unknown.</summary>
    public double RelativeUncertainty => double.IsFinite(CvMape) ? Math.Max(0.02, CvMape) : 0.25;
}
