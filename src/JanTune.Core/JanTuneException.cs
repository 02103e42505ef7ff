namespace JanTune.Core;

/// <summary>
/// A failure the user can act on: the message says what was wrong, <see cref="Hint"/> says what to do about it.
/// Every expected failure (bad input, missing backend, full disk) surfaces as this type or a subclass.
/// </summary>
public class JanTuneException : Exception
{
    public JanTuneException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    public JanTuneException()
    {
    }

    public JanTuneException(string message)
        : base(message)
    {
    }

    public JanTuneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to do about it, for example the command that installs a missing backend.</summary>
    public string? Hint { get; }
}
