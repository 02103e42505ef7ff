using JanTune.Core.Gguf;

namespace JanTune.Core.Models;

/// <summary>
/// Generates llama-architecture GGUF models with random F16 weights and a working SPM tokenizer. The output
/// depends only on the preset and the seed, so a model is reproducible instead of downloaded; quantized variants
/// come from llama.cpp quantizing this file.
/// </summary>
public static partial class SyntheticModelWriter
{
    /// <summary>The seed used when none is given; file names omit it.</summary>
    public const ulong DefaultSeed = 1234;

    /// <summary>A ChatML template; llama.cpp recognizes it by the &lt;|im_start|&gt; marker.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>
    /// Writes <paramref name="preset"/> as an F16 GGUF to <paramref name="path"/>, atomically: the file appears
    /// complete or not at all. <paramref name="progress"/> receives the fraction written, 0 to 1.
    /// </summary>
    public static void WriteF16(SyntheticPreset preset, ulong seed, string path, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = Build(preset, seed, progress);
        var total = writer.TotalBytes;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp";
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 20,
                PreallocationSize = total,
            };
            using (var stream = new FileStream(temp, options))
            {
                writer.Write(stream);
            }

            File.Move(temp, path, overwrite: true);
            progress?.Report(1.0);
        }
        catch (Exception ex)
        {
            File.Delete(temp);
            if (DiskErrors.Describe(ex, path, $"the synthetic model ({total / (1 << 20)} MiB)", "no partial model was left behind") is { } disk)
            {
                throw disk;
            }

            throw;
        }
    }

    /// <summary>The writer for a preset, with metadata and streaming tensor sources; nothing is written yet.</summary>
    internal static GgufWriter Build(SyntheticPreset preset, ulong seed, IProgress<double>? progress = null)
    {
        var writer = new GgufWriter();
        AddMetadata(writer, preset, seed);
        AddTensors(writer, preset, seed, progress);
        return writer;
    }

    private static void AddMetadata(GgufWriter writer, SyntheticPreset preset, ulong seed)
    {
        var vocab = SyntheticVocabulary.Build(preset.Vocab);
        writer
            .Add("general.architecture", GgufValue.Of("llama"))
            .Add("general.name", GgufValue.Of($"jantune-synthetic-{preset.Name}"))
            .Add("general.file_type", GgufValue.Of((uint)ModelQuantization.F16))
            .Add(GgufFile.AlignmentKey, GgufValue.Of((uint)GgufFile.DefaultAlignment))
            .Add("jantune.synthetic.seed", GgufValue.Of(seed))
            .Add("llama.context_length", GgufValue.Of((uint)preset.Context))
            .Add("llama.embedding_length", GgufValue.Of((uint)preset.Embd))
            .Add("llama.block_count", GgufValue.Of((uint)preset.Layers))
            .Add("llama.feed_forward_length", GgufValue.Of((uint)preset.FeedForward))
            .Add("llama.attention.head_count", GgufValue.Of((uint)preset.Heads))
            .Add("llama.attention.head_count_kv", GgufValue.Of((uint)preset.KvHeads))
            .Add("llama.rope.dimension_count", GgufValue.Of((uint)preset.HeadDim))
            .Add("llama.rope.freq_base", GgufValue.Of(10000f))
            .Add("llama.attention.layer_norm_rms_epsilon", GgufValue.Of(1e-5f))
            .Add("llama.vocab_size", GgufValue.Of((uint)preset.Vocab))
            .Add("tokenizer.ggml.model", GgufValue.Of("llama"))
            .Add("tokenizer.ggml.tokens", GgufValue.Of(vocab.Tokens))
            .Add("tokenizer.ggml.scores", GgufValue.Of(vocab.Scores))
            .Add("tokenizer.ggml.token_type", GgufValue.Of(vocab.Types))
            .Add("tokenizer.ggml.bos_token_id", GgufValue.Of((uint)SyntheticVocabulary.Bos))
            .Add("tokenizer.ggml.eos_token_id", GgufValue.Of((uint)SyntheticVocabulary.Eos))
            .Add("tokenizer.ggml.unknown_token_id", GgufValue.Of((uint)SyntheticVocabulary.Unknown))
            .Add("tokenizer.ggml.eot_token_id", GgufValue.Of((uint)SyntheticVocabulary.ImEnd))
            .Add("tokenizer.ggml.add_bos_token", GgufValue.Of(true))
            .Add("tokenizer.ggml.add_eos_token", GgufValue.Of(false))
            .Add("tokenizer.chat_template", GgufValue.Of(ChatTemplate));
    }
}
