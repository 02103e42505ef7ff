using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Core.Tests.Inference;

namespace JanTune.Core.Tests.Models;

/// <summary>The qwen3, qwen3moe and Mixtral-style presets, loaded and run by the pinned llama.cpp.</summary>
[Collection(EngineCollection.Name)]
public sealed class ArchitecturePresetTests(EngineFixture engine)
{
    private readonly ModelStore _store = new(engine.Paths);

    public static TheoryData<string, string> TinyArchitectures => new()
    {
        { "tiny-qwen3", "qwen3" },
        { "tiny-qwen3moe", "qwen3moe" },
        { "tiny-mixtral", "llama" },
    };

    [Theory]
    [MemberData(nameof(TinyArchitectures))]
    public async Task TinyPreset_Q8_LoadsAndSamplesFromFiniteLogits(string presetName, string architecture)
    {
        // Given a tiny preset quantized by llama.cpp
        var path = _store.Ensure(SyntheticPresets.Get(presetName), ModelQuantization.Q8_0);

        // When llama.cpp loads it and samples twice with two seeds
        using var model = LlamaModel.Load(path);
        var a = await Generate(model, 7);
        var b = await Generate(model, 8);

        // Then it is the architecture asked for, every token is generated, and the distributions are not degenerate
        // (NaN or infinite logits would make every seed pick the same token)
        Assert.Equal(architecture, model.Metadata("general.architecture"));
        Assert.StartsWith(architecture, model.Description, StringComparison.Ordinal);
        Assert.Equal(24, a.Count);
        Assert.NotEqual(a, b);
        Assert.True(a.Distinct().Count() > 3, string.Join(',', a));
    }

    [Fact]
    public void TinyQwen3_Tokenizer_IsByteLevelBpeWithMerges()
    {
        using var model = LlamaModel.Load(_store.Ensure(SyntheticPresets.TinyQwen3, ModelQuantization.Q8_0));

        // The merges reach whole words: " world" is one token, "Hello" another; Qwen adds no BOS
        var tokens = model.Tokenize("Hello world");
        Assert.Equal(2, tokens.Length);
        Assert.Equal(" world", model.Detokenize(tokens.AsSpan(1)));

        // Bytes with no merge still round-trip (byte-level BPE has no unknown token)
        const string odd = "zq€ 9!";
        Assert.Equal(odd, model.Detokenize(model.Tokenize(odd)));
        Assert.False(model.AddBos);
        Assert.Equal("<|im_end|>", model.Detokenize([model.EosToken], unparseSpecial: true));
    }

    [Fact]
    public void TinyQwen3_ChatTemplate_IsQwen3s()
    {
        using var model = LlamaModel.Load(_store.Ensure(SyntheticPresets.TinyQwen3, ModelQuantization.Q8_0));

        var text = model.ApplyChatTemplate([new ChatMessage("user", "hi")]);

        Assert.Contains("enable_thinking", model.ChatTemplate, StringComparison.Ordinal); // the file is Qwen3's own template
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Theory]
    [InlineData("tiny-qwen3moe", ModelQuantization.Q4_K_M)]
    [InlineData("tiny-qwen3moe", ModelQuantization.Q4_0)]
    [InlineData("tiny-mixtral", ModelQuantization.Q4_K_M)]
    [InlineData("tiny-qwen3", ModelQuantization.Q4_K_M)]
    [InlineData("tiny", ModelQuantization.Q4_K_M)]
    public void QuantMix_MatchesWhatLlamaCppQuantizeChooses(string presetName, ModelQuantization quantization)
    {
        // Given a preset deep enough for Q4_K_M's layer pattern (use_more_bits differs across 16 layers)
        var preset = SyntheticPresets.Get(presetName) with { Name = presetName + "-16l", Layers = 16 };
        var dir = Directory.CreateTempSubdirectory("jantune-mix-");
        try
        {
            // When llama.cpp quantizes its F16 file
            var quantized = new ModelStore(engine.Paths).Ensure(preset, quantization, outDir: dir.FullName);
            var file = GgufReader.Read(quantized);

            // Then every tensor has the type the direct writer would give it
            var layout = SyntheticTensorLayout.For(preset);
            Assert.Equal(layout.Count, file.Tensors.Count);
            Assert.All(layout, t => Assert.Equal((t.Name, file.FindTensor(t.Name)!.Type), (t.Name, SyntheticQuantMix.TypeFor(preset, t, quantization))));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DirectWrite_TinyMoe_HasLlamaCppsTypesLoadsGeneratesAndIsReproducible()
    {
        // Given the tiny MoE written straight in Q4_K_M (the path the 30B preset takes), twice with one seed
        var preset = SyntheticPresets.TinyQwen3Moe with { Name = "tiny-qwen3moe-direct", DirectWrite = true };
        var dir = Directory.CreateTempSubdirectory("jantune-direct-");
        try
        {
            var a = Path.Combine(dir.FullName, "a.gguf");
            var b = Path.Combine(dir.FullName, "b.gguf");
            SyntheticModelWriter.WriteDirect(preset, ModelQuantization.Q4_K_M, 5, a);
            SyntheticModelWriter.WriteDirect(preset, ModelQuantization.Q4_K_M, 5, b);

            // Then no F16 file was made, the two are byte-identical, and the tensor types are those llama.cpp picks
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            var viaLlama = GgufReader.Read(_store.Ensure(SyntheticPresets.TinyQwen3Moe, ModelQuantization.Q4_K_M));
            var direct = GgufReader.Read(a);
            Assert.Equal(viaLlama.Tensors.Select(t => (t.Name, t.Type, string.Join('x', t.Dimensions))).Order(),
                direct.Tensors.Select(t => (t.Name, t.Type, string.Join('x', t.Dimensions))).Order());
            Assert.Equal((long)ModelQuantization.Q4_K_M, direct.FileType);

            // And llama.cpp loads it, checks its tensor data, and samples from it
            using var model = LlamaModel.Load(a, new ModelLoadOptions { CheckTensors = true });
            var x = await Generate(model, 7);
            var y = await Generate(model, 8);
            Assert.NotEqual(x, y);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RealSizePresets_HavePublishedShapes()
    {
        // Published totals: Qwen3-30B-A3B 30.5B total / 3.3B active; Mixtral-8x7B 46.7B / 12.9B; Qwen3-8B 8.2B
        Assert.InRange(SyntheticPresets.Qwen3_30B_A3B.ParameterCount, 30.4e9, 30.6e9);
        Assert.InRange(SyntheticPresets.Mixtral_8x7B.ParameterCount, 46.6e9, 46.8e9);
        Assert.InRange(SyntheticPresets.Qwen3_8B.ParameterCount, 8.1e9, 8.3e9);
        Assert.All(new[] { SyntheticPresets.Qwen3_30B_A3B, SyntheticPresets.Mixtral_8x7B, SyntheticPresets.Qwen3_8B }, p => Assert.True(p.DirectWrite));

        var expert = SyntheticTensorLayout.For(SyntheticPresets.Qwen3_30B_A3B).Single(t => t.Name == "blk.47.ffn_down_exps.weight");
        Assert.Equal([768L, 2048, 128], expert.Dims);
        var q = SyntheticTensorLayout.For(SyntheticPresets.Qwen3_30B_A3B).Single(t => t.Name == "blk.0.attn_q.weight");
        Assert.Equal([2048L, 4096], q.Dims);
    }

    private static async Task<List<int>> Generate(LlamaModel model, uint seed)
    {
        using var context = model.CreateContext(EngineFixture.OneThread());
        using var sampler = new SamplerChain(model, new SamplingOptions { Temperature = 1.5f, TopK = 0, TopP = 1f, MinP = 0f, Seed = seed });
        var result = new List<int>();
        var options = new GenerationOptions { MaxTokens = 24, StopAtEndOfGeneration = false };
        await foreach (var piece in TextGenerator.GenerateAsync(context, sampler, model.Tokenize("Hello world, the model"), options))
        {
            result.Add(piece.Token);
        }

        return result;
    }
}
