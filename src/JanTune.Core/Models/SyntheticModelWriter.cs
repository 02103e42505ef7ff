using JanTune.Core.Gguf;

namespace JanTune.Core.Models;

/// <summary>
/// Generates GGUF models (llama, qwen3, qwen3moe; dense or experts) with random weights and a working tokenizer. The output
/// depends only on the preset and the seed, so a model is reproducible instead of downloaded; quantized variants
/// come from llama.cpp quantizing this file.
/// </summary>
public static partial class SyntheticModelWriter
{
    /// <summary>The seed used when none is given; file names omit it.</summary>
    public const ulong DefaultSeed = 1234;

    /// <summary>Qwen3's own chat template (models/templates/Qwen-Qwen3-0.6B.jinja of the pinned llama.cpp).</summary>
    private static readonly Lazy<string> Qwen3ChatTemplate = new(() =>
    {
        using var stream = typeof(SyntheticModelWriter).Assembly.GetManifestResourceStream("JanTune.Qwen3ChatTemplate.jinja")
            ?? throw new InvalidOperationException("The Qwen3 chat template resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

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
        Write(Build(preset, seed, progress), path, progress);
    }

    /// <summary>
    /// Writes <paramref name="preset"/> directly in <paramref name="quantization"/>, tensor by tensor through ggml's
    /// quantizer, with the per-tensor types of <see cref="SyntheticQuantMix"/>: no F16 intermediate, so a model is never
    /// on disk twice. The values come from the same distribution as the F16 path's, from a generator per row block, so
    /// the file depends on the seed only, not on the number of threads. Needs the native runtime initialized.
    /// </summary>
    public static void WriteDirect(SyntheticPreset preset, ModelQuantization quantization, ulong seed, string path, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Write(BuildDirect(preset, quantization, seed, progress), path, progress);
    }

    private static void Write(GgufWriter writer, string path, IProgress<double>? progress)
    {
        var total = writer.TotalBytes;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // A 30B model is tens of GB: say so before writing, not after an IOException deep in the last tensor.
        var free = new DriveInfo(string.IsNullOrEmpty(directory) ? Path.GetPathRoot(Path.GetFullPath(path))! : directory).AvailableFreeSpace;
        if (free < total)
        {
            throw new JanTuneException(
                $"not enough disk space for {Path.GetFullPath(path)}: it needs {ByteSize.Format(total)}, {ByteSize.Format(free)} is free",
                "free space on that disk, or write elsewhere with --out");
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
        AddMetadata(writer, preset, seed, ModelQuantization.F16);
        AddTensors(writer, preset, seed, progress);
        return writer;
    }

    /// <summary>The writer for a direct-quantized preset; nothing is written yet.</summary>
    internal static GgufWriter BuildDirect(SyntheticPreset preset, ModelQuantization quantization, ulong seed, IProgress<double>? progress = null)
    {
        var writer = new GgufWriter();
        AddMetadata(writer, preset, seed, quantization);
        AddDirectTensors(writer, preset, quantization, seed, progress);
        return writer;
    }

    private static void AddMetadata(GgufWriter writer, SyntheticPreset preset, ulong seed, ModelQuantization fileType)
    {
        // Key names: src/llama-arch.cpp LLM_KV_NAMES ("%s" is the architecture name).
        var arch = preset.Architecture.GgufName();
        writer
            .Add("general.architecture", GgufValue.Of(arch))
            .Add("general.name", GgufValue.Of($"jantune-synthetic-{preset.Name}"))
            .Add("general.file_type", GgufValue.Of((uint)fileType))
            .Add(GgufFile.AlignmentKey, GgufValue.Of((uint)GgufFile.DefaultAlignment))
            .Add("jantune.synthetic.seed", GgufValue.Of(seed))
            .Add($"{arch}.context_length", GgufValue.Of((uint)preset.Context))
            .Add($"{arch}.embedding_length", GgufValue.Of((uint)preset.Embd))
            .Add($"{arch}.block_count", GgufValue.Of((uint)preset.Layers))
            .Add($"{arch}.feed_forward_length", GgufValue.Of((uint)preset.FeedForward))
            .Add($"{arch}.attention.head_count", GgufValue.Of((uint)preset.Heads))
            .Add($"{arch}.attention.head_count_kv", GgufValue.Of((uint)preset.KvHeads))
            .Add($"{arch}.rope.dimension_count", GgufValue.Of((uint)preset.HeadDim))
            .Add($"{arch}.rope.freq_base", GgufValue.Of(preset.RopeFreqBase))
            .Add($"{arch}.attention.layer_norm_rms_epsilon", GgufValue.Of(preset.RmsEpsilon));
        if (preset.HeadDimension is not null)
        {
            writer
                .Add($"{arch}.attention.key_length", GgufValue.Of((uint)preset.HeadDim))
                .Add($"{arch}.attention.value_length", GgufValue.Of((uint)preset.HeadDim));
        }

        if (preset.IsMoe)
        {
            writer
                .Add($"{arch}.expert_count", GgufValue.Of((uint)preset.Experts))
                .Add($"{arch}.expert_used_count", GgufValue.Of((uint)preset.ExpertsUsed));
            if (preset.Architecture == SyntheticArchitecture.Qwen3Moe)
            {
                writer.Add($"{arch}.expert_feed_forward_length", GgufValue.Of((uint)preset.ExpertFeedForward));
            }
        }

        if (preset.Tokenizer == SyntheticTokenizer.BytePairQwen)
        {
            AddBpeTokenizer(writer, preset);
        }
        else
        {
            AddSpmTokenizer(writer, preset, arch);
        }
    }

    private static void AddSpmTokenizer(GgufWriter writer, SyntheticPreset preset, string arch)
    {
        var vocab = SyntheticVocabulary.Build(preset.Vocab);
        writer
            .Add($"{arch}.vocab_size", GgufValue.Of((uint)preset.Vocab))
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

    // What convert_hf_to_gguf writes for Qwen3: gpt2 model, qwen2 pre-tokenizer, merges, no BOS, <|im_end|> as EOS.
    private static void AddBpeTokenizer(GgufWriter writer, SyntheticPreset preset)
    {
        var vocab = SyntheticBpeVocabulary.Build(preset.Vocab);
        writer
            .Add("tokenizer.ggml.model", GgufValue.Of("gpt2"))
            .Add("tokenizer.ggml.pre", GgufValue.Of("qwen2"))
            .Add("tokenizer.ggml.tokens", GgufValue.Of(vocab.Tokens))
            .Add("tokenizer.ggml.token_type", GgufValue.Of(vocab.Types))
            .Add("tokenizer.ggml.merges", GgufValue.Of(vocab.Merges))
            .Add("tokenizer.ggml.eos_token_id", GgufValue.Of((uint)SyntheticBpeVocabulary.ImEnd))
            .Add("tokenizer.ggml.padding_token_id", GgufValue.Of((uint)SyntheticBpeVocabulary.EndOfText))
            .Add("tokenizer.ggml.bos_token_id", GgufValue.Of((uint)SyntheticBpeVocabulary.EndOfText))
            .Add("tokenizer.ggml.add_bos_token", GgufValue.Of(false))
            .Add("tokenizer.chat_template", GgufValue.Of(Qwen3ChatTemplate.Value));
    }
}
