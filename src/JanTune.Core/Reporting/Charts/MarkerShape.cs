namespace JanTune.Core.Reporting.Charts;

/// <summary>Marker shapes; each series gets a different one so series stay apart in grayscale print.</summary>
public enum MarkerShape
{
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
    Plus,
    Cross,
    Star,
}
