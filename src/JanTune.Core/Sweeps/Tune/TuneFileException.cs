namespace JanTune.Core.Sweeps.Tune;

/// <summary>A tune.json that failed validation; <see cref="Errors"/> holds every problem, not just the first.</summary>
public sealed class TuneFileException : JanTuneException
{
    public TuneFileException(string source, IReadOnlyList<TuneError> errors)
        : base(
            $"{source} has {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}:" + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
            "fix the fields listed above; docs/tune-json.md describes every field")
    {
        FileName = source;
        Errors = errors;
    }

    public TuneFileException()
    {
    }

    public TuneFileException(string message)
        : base(message)
    {
    }

    public TuneFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file (or "embedded default") that failed.</summary>
    public string FileName { get; } = string.Empty;

    public IReadOnlyList<TuneError> Errors { get; } = [];
}
