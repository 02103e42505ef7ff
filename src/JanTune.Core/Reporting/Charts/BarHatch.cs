namespace JanTune.Core.Reporting.Charts;

/// <summary>Bar fill patterns, so bars of different series stay apart in grayscale print.</summary>
public enum BarHatch
{
    None,
    Striped,
    Dots,
    Checker,
    Grid,
    Square,
    StripedUp,
    DotsDense,
}
