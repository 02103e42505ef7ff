namespace JanTune.Core.Models;

/// <summary>The vocabulary kinds the synthesizer writes (tokenizer.ggml.model "llama" or "gpt2").</summary>
public enum SyntheticTokenizer
{
    /// <summary>SentencePiece with byte fallback: Llama 2, Mistral, Mixtral.</summary>
    SentencePiece,

    /// <summary>GPT-2-style byte-level BPE with merges and Qwen2's pre-tokenizer: Qwen2/2.5/3.</summary>
    BytePairQwen,
}
