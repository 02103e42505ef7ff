using System.Diagnostics;
using System.Text.Json.Nodes;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Tests.Snapshots;

namespace JanTune.Core.Tests.Export;

public sealed class LlamaSharpExporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jantune-llamasharp-").FullName;
    private readonly AtomicFileWriter _writer = new(new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 30, 5, TimeSpan.Zero)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Export_LlamaSharp_LoadsBackIntoLlamaSharpModelParamsWithEveryTunedField()
    {
        // Given a recommendation that differs from LLamaSharp's defaults in every field it tunes
        var request = ExportFixture.Request with
        {
            Config = ExportFixture.Request.Config with
            {
                Threads = 3,
                ThreadsBatch = 2,
                BatchSize = 1024,
                UBatchSize = 256,
                CacheType = GgmlType.Q8_0,
                CacheTypeV = GgmlType.Q4_0,
                SplitMode = SplitMode.Row,
                TensorSplit = "3,1",
                UseMmap = true,
            },
            Parallel = 2,
            Mlock = true,
        };

        // When it is exported and read back by LLamaSharp itself (its ModelParams, then its conversion to llama.cpp's structs)
        var result = new LlamaSharpExporter().Export(request, _dir, _writer);
        var back = LlamaSharpParams(result.Files.Single(f => f.EndsWith(".json", StringComparison.Ordinal)));

        // Then every tuned value arrives where llama.cpp reads it
        Assert.Equal("/models/tinyllama-1.1b-chat.Q4_0.gguf", (string?)back["model_path"]);
        Assert.Equal(23, (int)back["n_gpu_layers"]!);
        Assert.Equal(3, (int)back["n_threads"]!);
        Assert.Equal(2, (int)back["n_threads_batch"]!);
        Assert.Equal(1024, (int)back["n_batch"]!);
        Assert.Equal(256, (int)back["n_ubatch"]!);
        Assert.Equal(2 * 8192, (int)back["n_ctx"]!);
        Assert.Equal(2, (int)back["n_seq_max"]!);
        Assert.False((bool)back["kv_unified"]!);
        Assert.Equal(1, (int)back["flash_attn_type"]!); // LLAMA_FLASH_ATTN_TYPE_ENABLED
        Assert.Equal(8, (int)back["type_k"]!); // GGML_TYPE_Q8_0
        Assert.Equal(2, (int)back["type_v"]!); // GGML_TYPE_Q4_0
        Assert.Equal(2, (int)back["split_mode"]!); // LLAMA_SPLIT_MODE_ROW
        Assert.Equal(0, (int)back["main_gpu"]!);
        Assert.Equal(3, (int)back["load_mode"]!); // LLAMA_LOAD_MODE_MMAP_MLOCK
        Assert.Equal([3f, 1f], back["tensor_split"]!.AsArray().Select(v => (float)v!).Take(2));
        Assert.All(back["tensor_split"]!.AsArray().Skip(2), v => Assert.Equal(0f, (float)v!));
        Assert.True((bool)back["use_extra_bufts"]!);
        Assert.Equal("measured on the cuda backend", Assert.Single(result.Notes).Split(':')[0]);
        Assert.Empty((JsonArray)back["tensor_buft_overrides"]!);
        Snapshot.Verify("llamasharp.modelparams", "json", File.ReadAllText(result.Files[0]));
        Snapshot.Verify("llamasharp.modelparams", "cs.txt", File.ReadAllText(result.Files[1]));
    }

    [Fact]
    public void Export_LlamaSharp_WhatModelParamsCannotSayIsReportedAndLeftAtItsDefault()
    {
        // Given repack off and a V cache type LLamaSharp's GGMLType does not name, on the CPU
        var request = ExportFixture.Request with
        {
            Config = ExportFixture.Request.Config with { Backend = "cpu", WeightRepack = false, CacheType = GgmlType.F16, CacheTypeV = GgmlType.IQ4_NL, FlashAttention = FlashAttention.Auto, ContextSize = 0 },
        };

        var result = new LlamaSharpExporter().Export(request, _dir, _writer);
        var back = LlamaSharpParams(result.Files[0]);

        // Then both are named in the notes, and LLamaSharp gets its own defaults for them, auto flash attention, and the model's context
        Assert.Contains(result.Notes, n => n.Contains("repack", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("TypeV iq4_nl", StringComparison.Ordinal));
        Assert.True((bool)back["use_extra_bufts"]!);
        Assert.Equal(1, (int)back["type_v"]!);
        Assert.Equal(-1, (int)back["flash_attn_type"]!);
        Assert.Equal(0, (int)back["n_ctx"]!);
        Assert.Equal(0, (int)back["n_gpu_layers"]!);
        Assert.Equal(0, (int)back["load_mode"]!); // the fixture asks for no mmap
    }

    [Fact]
    public void Export_LlamaSharpExpertPlacement_ReachesLlamaCppAsCpuBufferOverridesLikeNCpuMoe()
    {
        // Given a tuning that keeps the routed experts of layers 0-1 on the CPU (llama.cpp --n-cpu-moe 2)
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { CpuMoeLayers = 2 } };

        // When it is exported and read back by LLamaSharp itself, down to llama_model_params.tensor_buft_overrides
        var result = new LlamaSharpExporter().Export(request, _dir, _writer);
        var back = LlamaSharpParams(result.Files[0]);

        // Then llama.cpp gets --n-cpu-moe's own patterns (common/common.h llm_ffn_block_regex), each to the CPU buffer type, and nothing is reported dropped
        var overrides = back["tensor_buft_overrides"]!.AsArray().Select(o => ((string)o!["pattern"]!, (string)o["buffer_type"]!)).ToList();
        Assert.Equal(
            [(@"blk\.0\.ffn_(up|down|gate|gate_up)_(ch|)exps", "CPU"), (@"blk\.1\.ffn_(up|down|gate|gate_up)_(ch|)exps", "CPU")],
            overrides);
        Assert.DoesNotContain(result.Notes, n => n.Contains("expert", StringComparison.Ordinal));
        Assert.Contains("using LLama.Abstractions;\n", File.ReadAllText(result.Files[1]), StringComparison.Ordinal);
        Assert.Contains("parameters.TensorBufferOverrides.Add(new TensorBufferOverride(@\"blk\\.0\\.ffn_(up|down|gate|gate_up)_(ch|)exps\", \"CPU\"));", File.ReadAllText(result.Files[1]), StringComparison.Ordinal);

        // And cpu_moe (every layer) is the one pattern --cpu-moe adds
        var all = LlamaSharpParams(new LlamaSharpExporter().Export(request with { Config = request.Config with { CpuMoeLayers = 0, CpuMoe = true } }, _dir, _writer).Files[0]);
        Assert.Equal(@"\.ffn_(up|down|gate|gate_up)_(ch|)exps", (string)Assert.Single(all["tensor_buft_overrides"]!.AsArray())!["pattern"]!);
    }

    [Fact]
    public void Export_UnknownFormatListsLlamaSharp()
    {
        var error = Assert.Throws<JanTuneException>(() => ConfigExporters.Get("llama-sharp"));
        Assert.Contains("llamasharp", error.Hint, StringComparison.Ordinal);
    }

    /// <summary>Runs jantune-llamasharp (LLamaSharp and its own libllama, in a process of their own) on a ModelParams file.</summary>
    private static JsonObject LlamaSharpParams(string file)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "JanTune.LlamaSharp", "bin", configuration, bin.Name, "jantune-llamasharp.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/JanTune.LlamaSharp");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("params");
        psi.ArgumentList.Add(file);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "jantune-llamasharp did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"jantune-llamasharp exited {process.ExitCode}: {stderr}");
        return JsonNode.Parse(stdout.Result)!.AsObject();
    }
}
