using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace JanTune.Core.Modeling.Learned;

/// <summary>
/// Trains the ML.NET families on rows the fitter hands it, and deals ML.NET's grouped cross-validation folds. Small
/// trees, few rows per leaf (a sweep has tens to hundreds of trials, not thousands), one thread and a fixed seed so a
/// refit of the same trials gives the same model.
/// </summary>
internal static class LearnedTrainer
{
    public const int Seed = 1;

    public static SchemaDefinition Schema(PerfTarget target, ModelFamily family)
    {
        var schema = SchemaDefinition.Create(typeof(LearnedRow));
        schema[nameof(LearnedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LearnedFeatures.Count(target, family));
        return schema;
    }

    /// <summary>Trains one family on labelled rows (label: log residual or log response, see <see cref="ModelFamily"/>).</summary>
    public static LearnedPredictor Train(PerfTarget target, ModelFamily family, IReadOnlyList<LearnedRow> rows)
    {
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(rows, Schema(target, family));
        var minLeaf = Math.Max(2, rows.Count / 12);
        IEstimator<ITransformer> trainer = family switch
        {
            ModelFamily.FastTreeResidual => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfLeaves = 8,
                NumberOfTrees = 100,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = 0.1,
                NumberOfThreads = 1,
                Seed = Seed,
            }),
            ModelFamily.LightGbm => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfLeaves = 8,
                NumberOfIterations = 200,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = 0.1,
                NumberOfThreads = 1,
                Seed = Seed,
                Silent = true,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not an ML.NET family"),
        };
        var model = trainer.Fit(data);
        return new LearnedPredictor(ml, model, data.Schema, target, family);
    }

    /// <summary>
    /// ML.NET's k-fold split, grouped by <see cref="LearnedRow.Fold"/> through <c>samplingKeyColumnName</c>: every row
    /// of one configuration lands in the same held-out set. Returns the row indices of each fold's train and test sets.
    /// </summary>
    public static IReadOnlyList<(int[] Train, int[] Test)> GroupedSplits(PerfTarget target, IReadOnlyList<LearnedRow> rows, int folds)
    {
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(rows, Schema(target, ModelFamily.LightGbm));
        int[] Indices(IDataView view) => view.GetColumn<float>(nameof(LearnedRow.Index)).Select(i => (int)i).ToArray();
        return ml.Data.CrossValidationSplit(data, folds, samplingKeyColumnName: nameof(LearnedRow.Fold), seed: Seed)
            .Select(split => (Indices(split.TrainSet), Indices(split.TestSet)))
            .ToList();
    }
}
