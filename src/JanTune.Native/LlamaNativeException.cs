namespace JanTune.Native;

/// <summary>
/// A llama.cpp call failed or could not be made. <see cref="Hint"/> says what fixes it (for a missing library,
/// the install command). Native return codes become this exception in one place: <see cref="LlamaStatus"/>.
/// </summary>
public class LlamaNativeException : Exception
{
    public LlamaNativeException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    public LlamaNativeException()
    {
    }

    public LlamaNativeException(string message)
        : base(message)
    {
    }

    public LlamaNativeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to do about it.</summary>
    public string? Hint { get; }

    /// <summary>The raw return code, when the failure came from one.</summary>
    public int? Code { get; init; }
}
