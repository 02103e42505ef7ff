using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Export;

/// <summary>A fixed recommendation, so snapshots only change when a format does.</summary>
internal static class ExportFixture
{
    public static ExportRequest Request { get; } = new()
    {
        Config = new TrialConfig
        {
            Backend = "cuda",
            ModelPath = "/models/tinyllama-1.1b-chat.Q4_0.gguf",
            Quant = "q4_0",
            GpuLayers = 23,
            Threads = 2,
            BatchSize = 2048,
            UBatchSize = 512,
            ContextSize = 8192,
            FlashAttention = FlashAttention.On,
            CacheType = GgmlType.Q8_0,
            WeightRepack = true,
            UseMmap = false,
        },
        ModelName = "TinyLlama 1.1B Chat Q4_0",
        ModelSizeBytes = 637_699_456,
        Sha256 = "9fecc3b3cd76bba89d504f29b616eedf7da85b96540e490ca5824d3f7d2776a0",
        Stop = ["</s>"],
        PromptTemplate = "<|system|>\n{system_message}</s>\n<|user|>\n{prompt}</s>\n<|assistant|>",
    };
}
