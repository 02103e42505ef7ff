using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>
/// What changing one axis did to one test's speed, measured: the ratio of the mean tokens/s at <see cref="Faster"/>
/// to the mean at <see cref="Slower"/>, over the <see cref="Pairs"/> configurations measured at both values with every
/// other setting equal.
/// </summary>
/// <param name="Axis">The knob, e.g. "weight repack".</param>
/// <param name="Test">The test both sides ran.</param>
/// <param name="Faster">The value with the higher mean, e.g. "on".</param>
/// <param name="Slower">The value it is compared with.</param>
/// <param name="Ratio">Mean tokens/s at <paramref name="Faster"/> over the mean at <paramref name="Slower"/>, same pairs; at least 1.</param>
/// <param name="Pairs">Matched configurations behind the ratio.</param>
/// <param name="MinPairRatio">The smallest ratio of one pair.</param>
/// <param name="MaxPairRatio">The largest ratio of one pair.</param>
public sealed record AxisEffect(string Axis, TrialTest Test, string Faster, string Slower, double Ratio, int Pairs, double MinPairRatio, double MaxPairRatio)
{
    /// <summary>Whether too few pairs stand behind the ratio to say it holds in general.</summary>
    public bool TooFewPairs => Pairs < AxisEffects.MinPairs;

    /// <summary>Pairs with a side too noisy to rank (sd over 10% of the mean): their ratio may be noise.</summary>
    public int NoisyPairs { get; init; }

    /// <summary>Whether some pairs went the other way: the direction depends on the other settings.</summary>
    public bool Inconsistent => MinPairRatio < 1 && MaxPairRatio > 1;
}
