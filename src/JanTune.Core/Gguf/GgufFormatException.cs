namespace JanTune.Core.Gguf;

/// <summary>A file that is not a well-formed GGUF model; the message says what is wrong and where.</summary>
public sealed class GgufFormatException : JanTuneException
{
    internal const string DefaultHint = "the file is not a valid GGUF model; re-download or regenerate it";

    public GgufFormatException(string message, string? hint = DefaultHint, Exception? inner = null)
        : base(message, hint, inner)
    {
    }

    public GgufFormatException()
    {
    }

    public GgufFormatException(string message)
        : base(message, DefaultHint)
    {
    }

    public GgufFormatException(string message, Exception innerException)
        : base(message, DefaultHint, innerException)
    {
    }
}
