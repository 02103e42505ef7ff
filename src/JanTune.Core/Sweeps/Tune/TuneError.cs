namespace JanTune.Core.Sweeps.Tune;

/// <summary>One problem in a tune.json: where (JSON path like <c>threads[2]</c>), what was there, and what is allowed.</summary>
public sealed record TuneError(string Path, string Value, string Allowed)
{
    public override string ToString() => $"{Path}: {Value} is not valid; {Allowed}";
}
