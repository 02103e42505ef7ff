namespace JanTune.Core.Inference;

/// <summary>Hook for the full GGUF structure check, run before every native load.</summary>
internal static class GgufValidation
{
    public static Action<string>? Validate { get; set; }
}
