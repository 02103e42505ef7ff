namespace JanTune.Core.Models;

/// <summary>Quantizations JanTune asks llama.cpp for; the values are llama.h's llama_ftype ids.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Names match llama.cpp's quantization names.")]
public enum ModelQuantization
{
    F16 = 1,
    Q4_0 = 2,
    Q8_0 = 7,
    Q4_K_M = 15,
}
