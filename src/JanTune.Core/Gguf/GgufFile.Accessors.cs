namespace JanTune.Core.Gguf;

/// <summary>The metadata a tuner asks about, read with llama.cpp's key names.</summary>
public sealed partial class GgufFile
{
    /// <summary>general.architecture, e.g. "llama"; null when absent.</summary>
    public string? Architecture => Metadata.TryGetValue("general.architecture", out var v) && v.Value is string s ? s : null;

    /// <summary>general.name; null when absent.</summary>
    public string? Name => Metadata.TryGetValue("general.name", out var v) && v.Value is string s ? s : null;

    /// <summary>Repeating layers (&lt;arch&gt;.block_count).</summary>
    public long? BlockCount => ArchInteger("block_count");

    public long? HeadCount => ArchInteger("attention.head_count");

    /// <summary>KV heads; llama.cpp defaults it to the head count when absent, and so does this.</summary>
    public long? HeadCountKv => ArchInteger("attention.head_count_kv") ?? HeadCount;

    public long? EmbeddingLength => ArchInteger("embedding_length");

    public long? FeedForwardLength => ArchInteger("feed_forward_length");

    public long? ContextLength => ArchInteger("context_length");

    /// <summary>&lt;arch&gt;.attention.key_length: the K head dimension when it is not embedding / heads.</summary>
    public long? KeyLength => ArchInteger("attention.key_length");

    /// <summary>&lt;arch&gt;.attention.value_length.</summary>
    public long? ValueLength => ArchInteger("attention.value_length");

    /// <summary>&lt;arch&gt;.expert_count: routed experts per layer; absent for dense models.</summary>
    public long? ExpertCount => ArchInteger("expert_count");

    /// <summary>&lt;arch&gt;.expert_used_count: experts per token.</summary>
    public long? ExpertUsedCount => ArchInteger("expert_used_count");

    /// <summary>&lt;arch&gt;.expert_feed_forward_length (Qwen3-MoE, DeepSeek...); llama-architecture experts use feed_forward_length.</summary>
    public long? ExpertFeedForwardLength => ArchInteger("expert_feed_forward_length");

    /// <summary>&lt;arch&gt;.vocab_size, else the length of tokenizer.ggml.tokens.</summary>
    public long? VocabSize => ArchInteger("vocab_size")
        ?? (Metadata.TryGetValue("tokenizer.ggml.tokens", out var tokens) && tokens.Type == GgufValueType.Array ? tokens.Count : null);

    /// <summary>general.file_type, a llama_ftype id (1 = F16, 2 = Q4_0, ...).</summary>
    public long? FileType => Integer("general.file_type");

    /// <summary>An integer metadata value of any integer type, or null when absent or not an integer.</summary>
    public long? Integer(string key) =>
        Metadata.TryGetValue(key, out var value) && value.TryGetInteger(out var n) ? n : null;

    private long? ArchInteger(string suffix) => Architecture is { } arch ? Integer($"{arch}.{suffix}") : null;
}
