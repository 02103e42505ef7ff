namespace JanTune.Core.Modeling.Learned;

/// <summary>One ML.NET input row: the physical features of a trial, its label, and the fold of its configuration.</summary>
internal sealed class LearnedRow
{
    public float Label { get; set; }

    /// <summary>The grouping key for ML.NET's split: one value per fold, the same for every row of a configuration.</summary>
    public float Fold { get; set; }

    /// <summary>The row's position in the fitter's list, to find it again after ML.NET's split.</summary>
    public float Index { get; set; }

    public float[] Features { get; set; } = [];
}

/// <summary>ML.NET's output column.</summary>
internal sealed class LearnedScore
{
    public float Score { get; set; }
}
