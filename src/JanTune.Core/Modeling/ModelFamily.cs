namespace JanTune.Core.Modeling;

/// <summary>The kinds of model fitted to each target; the one with the lowest grouped-CV error predicts it.</summary>
public enum ModelFamily
{
    /// <summary>The physical basis of <see cref="PerfBasis"/> fitted by non-negative least squares: the baseline.</summary>
    Physical,

    /// <summary>
    /// The physical model times a correction learned by ML.NET FastTree (boosted trees) on the log of its residual, from
    /// the same physical features: extrapolates like the physics, learns what the physics cannot describe (knees, cliffs).
    /// </summary>
    FastTreeResidual,

    /// <summary>ML.NET LightGbm on the physical features alone, predicting the log response: no physics in the prediction.</summary>
    LightGbm,
}
