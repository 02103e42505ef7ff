namespace JanTune.Core.Inference;

/// <summary>
/// One generated token and the text it completes. <see cref="Text"/> can be empty (a byte-fallback token that ends
/// mid-character, or text held back because it may start a stop string) and catches up on a later piece.
/// </summary>
public sealed record GeneratedPiece(int Token, string Text, FinishReason? Finish);

/// <summary>Why a generation ended.</summary>
public enum FinishReason
{
    /// <summary>An end-of-generation token or a stop string.</summary>
    Stop,

    /// <summary>The token limit.</summary>
    Length,
}
