using JanTune.Core.Sweeps;
using Microsoft.ML;

namespace JanTune.Core.Modeling.Learned;

/// <summary>
/// A trained ML.NET model of one target, ready to predict: the transformer, and one prediction engine behind a lock
/// (ML.NET's engines are not thread-safe; the report and the search may predict from several threads).
/// </summary>
internal sealed class LearnedPredictor
{
    private readonly Lock _gate = new();
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;
    private readonly PredictionEngine<LearnedRow, LearnedScore> _engine;

    public LearnedPredictor(MLContext ml, ITransformer model, DataViewSchema schema, PerfTarget target, ModelFamily family)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        Target = target;
        Family = family;
        _engine = ml.Model.CreatePredictionEngine<LearnedRow, LearnedScore>(model, inputSchemaDefinition: LearnedTrainer.Schema(target, family));
    }

    public PerfTarget Target { get; }

    public ModelFamily Family { get; }

    /// <summary>The predicted linear response (s/token, GB), from the physical model's response for the same trial.</summary>
    public double PredictResponse(TrialConfig config, TrialTest test, ModelFacts facts, double physicalResponse)
    {
        var row = new LearnedRow { Features = LearnedFeatures.Of(Target, Family, config, test, facts, physicalResponse) };
        float score;
        lock (_gate)
        {
            score = _engine.Predict(row).Score;
        }

        return Family == ModelFamily.FastTreeResidual ? Math.Max(physicalResponse, 1e-12) * Math.Exp(score) : Math.Exp(score);
    }

    /// <summary>The model as ML.NET's own zip format.</summary>
    public byte[] ToZip()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _schema, stream);
        return stream.ToArray();
    }

    /// <summary>Reads a zip written by <see cref="ToZip"/>.</summary>
    public static LearnedPredictor FromZip(Stream zip, PerfTarget target, ModelFamily family)
    {
        var ml = new MLContext(seed: LearnedTrainer.Seed);
        var model = ml.Model.Load(zip, out var schema);
        return new LearnedPredictor(ml, model, schema, target, family);
    }
}
