using System.Security.Cryptography;
using JanTune.Core.Gguf;
using JanTune.Core.Models;
using JanTune.Core.Tests.Fixtures;
using JanTune.Core.Tests.Gguf;

namespace JanTune.Core.Tests.Models;

public class SyntheticModelWriterTests
{
    [Fact]
    public void WriteF16_SameSeed_ByteIdenticalFile()
    {
        // Given two tiny models written to disk with the same seed
        var dir = Directory.CreateTempSubdirectory("jantune-synth-");
        try
        {
            var a = Path.Combine(dir.FullName, "a.gguf");
            var b = Path.Combine(dir.FullName, "b.gguf");
            var fractions = new List<double>();
            SyntheticModelWriter.WriteF16(SyntheticPresets.Tiny, 99, a, new Progress(fractions));
            SyntheticModelWriter.WriteF16(SyntheticPresets.Tiny, 99, b);

            // Then their hashes match, no temp file is left, and progress ends at 1
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(b)));
            Assert.False(File.Exists(a + ".tmp"));
            Assert.Equal(1.0, fractions[^1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Build_DifferentSeed_DifferentBytes()
    {
        Assert.NotEqual(SHA256.HashData(TinyModel.Generate(1)), SHA256.HashData(TinyModel.Generate(2)));
    }

    [Fact]
    public void Build_Tiny_ReadsBackWithExpectedShapes()
    {
        // Given the tiny preset (2 layers, 256 embd, 768 ff, 4 heads, 2 KV heads, 1024 vocab)
        var file = GgufAssert.Read(TinyModel.Bytes);

        // Then metadata and tensor shapes are llama's
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(2, file.BlockCount);
        Assert.Equal(4, file.HeadCount);
        Assert.Equal(2, file.HeadCountKv);
        Assert.Equal(256, file.EmbeddingLength);
        Assert.Equal(768, file.FeedForwardLength);
        Assert.Equal(1024, file.VocabSize);
        Assert.Equal(2048, file.ContextLength);
        Assert.Equal(1, file.FileType);
        Assert.Equal(32, file.Alignment);
        Assert.Equal(GgufValueType.UInt32, file.Metadata["llama.block_count"].Type);
        Assert.Equal(GgufValueType.Float32, file.Metadata["llama.rope.freq_base"].Type);
        Assert.Equal(GgufValueType.Float32, file.Metadata["llama.attention.layer_norm_rms_epsilon"].Type);
        Assert.Equal(64u, file.Metadata["llama.rope.dimension_count"].As<uint>());
        Assert.Equal(3 + (9 * 2), file.Tensors.Count);
        AssertTensor(file, "token_embd.weight", GgmlType.F16, 524_288, 256, 1024);
        AssertTensor(file, "output_norm.weight", GgmlType.F32, 1024, 256);
        AssertTensor(file, "blk.1.attn_k.weight", GgmlType.F16, 65_536, 256, 128);
        AssertTensor(file, "blk.1.attn_output.weight", GgmlType.F16, 131_072, 256, 256);
        AssertTensor(file, "blk.0.ffn_down.weight", GgmlType.F16, 393_216, 768, 256);
        AssertTensor(file, "blk.0.ffn_gate.weight", GgmlType.F16, 393_216, 256, 768);
        Assert.Equal(file.FileLength, file.DataOffset + (long)file.Tensors[^1].Offset + file.Tensors[^1].ByteSize);
    }

    [Fact]
    public void Build_Tiny_TokenizerMetadataPresent()
    {
        var file = GgufAssert.Read(TinyModel.Bytes);
        var tokens = file.Metadata["tokenizer.ggml.tokens"].As<string[]>();
        var types = file.Metadata["tokenizer.ggml.token_type"].As<int[]>();
        var scores = file.Metadata["tokenizer.ggml.scores"].As<float[]>();

        Assert.Equal("llama", file.Metadata["tokenizer.ggml.model"].As<string>());
        Assert.Equal(1024, tokens.Length);
        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"], tokens[..5]);
        Assert.Equal([2, 3, 3, 3, 3], types[..5]);
        Assert.Equal("<0x0A>", tokens[5 + 10]);
        Assert.All(types[5..261], t => Assert.Equal(6, t));
        Assert.All(types[261..], t => Assert.Equal(1, t));
        Assert.Contains("\u2581the", tokens);
        Assert.True(scores[Array.IndexOf(tokens, "\u2581the")] > scores[Array.IndexOf(tokens, "t")]);
        Assert.Equal(1u, file.Metadata["tokenizer.ggml.bos_token_id"].As<uint>());
        Assert.Equal(2u, file.Metadata["tokenizer.ggml.eos_token_id"].As<uint>());
        Assert.Equal(0u, file.Metadata["tokenizer.ggml.unknown_token_id"].As<uint>());
        Assert.Equal((uint)Array.IndexOf(tokens, "<|im_end|>"), file.Metadata["tokenizer.ggml.eot_token_id"].As<uint>());
        Assert.True(file.Metadata["tokenizer.ggml.add_bos_token"].As<bool>());
        Assert.False(file.Metadata["tokenizer.ggml.add_eos_token"].As<bool>());
        Assert.Contains("<|im_start|>", file.Metadata["tokenizer.chat_template"].As<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_1bPreset_PlansTwoGigabyteFileWithoutWriting()
    {
        // Given TinyLlama's shape, When only planned, Then the size is the ~2.2 GB of F16 weights
        var total = SyntheticModelWriter.Build(SyntheticPresets.TinyLlama, 1).TotalBytes;

        Assert.InRange(total, 2_100_000_000L, 2_300_000_000L);
    }

    private static void AssertTensor(GgufFile file, string name, GgmlType type, long bytes, params long[] dims)
    {
        var tensor = file.FindTensor(name);
        Assert.NotNull(tensor);
        Assert.Equal(type, tensor.Type);
        Assert.Equal(dims, tensor.Dimensions);
        Assert.Equal(bytes, tensor.ByteSize);
    }

    private sealed class Progress(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}
