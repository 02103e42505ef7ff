using System.Text.Json;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Server.Tests.LlamaArgs;

/// <summary>The llama-server command line JanTune exports, read by llama-server's own argument parser.</summary>
public sealed class LlamaServerArgumentsTests
{
    [NeedsGppFact]
    public async Task Arguments_EveryTunedFieldNonDefault_LlamaServersParserReadsEachOneBack()
    {
        // Given a configuration where every tuned field differs from llama-server's default
        var request = new ExportRequest
        {
            Config = new TrialConfig
            {
                Backend = "cuda", ModelPath = "/models/m q4.gguf", Quant = "q4_0", GpuLayers = 10, Threads = 3, ThreadsBatch = 2,
                BatchSize = 1024, UBatchSize = 256, ContextSize = 3000, FlashAttention = FlashAttention.On, CacheType = GgmlType.Q8_0,
                CacheTypeV = GgmlType.Q4_0, WeightRepack = false, UseMmap = false, SplitMode = SplitMode.Tensor, TensorSplit = "3,1",
                Threadpool = new() { Poll = 0, CpuMask = "0xf0", StrictCpu = true, Priority = Native.Interop.GgmlSchedPriority.High },
                CpuMoeLayers = 1, OverrideTensor = @"blk\.27\.ffn_(gate|gate_up|down).*=CPU,blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU",
            },
            ModelName = "m",
            Parallel = 2,
            Host = "0.0.0.0",
            Port = 9123,
        };

        // When llama.cpp's common_params_parse reads the exported arguments
        var parsed = await LlamaArgsParser.ParseAsync(LlamaServerExporter.Arguments(request));

        // Then each field is the configured one, as llama-server holds it
        AssertFields(parsed, new Dictionary<string, object>
        {
            ["model"] = "/models/m q4.gguf", ["n_gpu_layers"] = 10, ["split_mode"] = "tensor", ["tensor_split"] = "3,1",
            ["no_extra_bufts"] = true, ["load_mode"] = "none", ["fit_params"] = false, ["n_ctx"] = 6000, ["n_parallel"] = 2,
            ["kv_unified"] = false, ["n_batch"] = 1024, ["n_ubatch"] = 256, ["n_threads"] = 3, ["n_threads_batch"] = 2,
            ["flash_attn"] = "enabled", ["cache_type_k"] = "q8_0", ["cache_type_v"] = "q4_0", ["host"] = "0.0.0.0", ["port"] = 9123,
            ["pool_poll"] = 0, ["pool_prio"] = 2, ["pool_strict"] = true, ["pool_mask"] = "0xf0",
            ["pool_batch_poll"] = 0, ["pool_batch_prio"] = 2, ["pool_batch_strict"] = true, ["pool_batch_mask"] = "0xf0",
            ["tensor_buft_overrides"] = @"blk\.0\.ffn_(up|down|gate|gate_up)_(ch|)exps=CPU,blk\.27\.ffn_(gate|gate_up|down).*=CPU,blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU",
        });
    }

    [NeedsGppFact]
    public async Task Parser_NoArguments_ReportsTheHeadersDefaults()
    {
        // A canary for the ABI: the npm libllama-common.so fills the common_params this program allocated from the
        // pinned headers; a layout mismatch would show here as garbage instead of common.h's defaults.
        var parsed = await LlamaArgsParser.ParseAsync(["-m", "x.gguf"]);

        AssertFields(parsed, new Dictionary<string, object>
        {
            ["n_gpu_layers"] = -1, ["n_ctx"] = 0, ["n_batch"] = 2048, ["n_ubatch"] = 512, ["n_parallel"] = -1, ["fit_params"] = true,
            ["flash_attn"] = "auto", ["cache_type_k"] = "f16", ["cache_type_v"] = "f16", ["no_extra_bufts"] = false, ["load_mode"] = "auto",
            ["split_mode"] = "layer", ["tensor_split"] = "", ["port"] = 8080, ["host"] = "127.0.0.1",
            ["pool_poll"] = 50, ["pool_prio"] = 0, ["pool_strict"] = false, ["pool_mask"] = "0x0",
        });
    }

    [NeedsGppFact]
    public async Task Parser_ValueLlamaCppRejects_Fails()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => LlamaArgsParser.ParseAsync(["-m", "x.gguf", "-ctk", "q4_k"]));

        Assert.Contains("rejected", ex.Message, StringComparison.Ordinal);
    }

    internal static void AssertFields(JsonElement parsed, IReadOnlyDictionary<string, object> expected)
    {
        foreach (var (name, value) in expected)
        {
            var actual = parsed.GetProperty(name);
            object got = value switch
            {
                int => actual.GetInt32(),
                bool => actual.GetBoolean(),
                _ => actual.GetString()!,
            };
            Assert.True(Equals(value, got), $"{name}: expected {value}, llama-server parsed {got}");
        }
    }
}
