// LLamaSharp 0.30.0 ModelParams with the configuration JanTune recommended for TinyLlama 1.1B Chat Q4_0
// (or: JsonSerializer.Deserialize<ModelParams>(File.ReadAllText("llamasharp-modelparams.json")))
using LLama;
using LLama.Common;
using LLama.Native;

var parameters = new ModelParams(@"/models/tinyllama-1.1b-chat.Q4_0.gguf")
{
    GpuLayerCount = 23,
    Threads = 3,
    BatchThreads = 2,
    BatchSize = 1024u,
    UBatchSize = 256u,
    SeqMax = 2u,
    FlashAttention = true,
    LoadMode = LLamaLoadMode.MemoryMapAndLock,
    ContextSize = 16384u,
    KVUnified = false,
    TypeK = GGMLType.GGML_TYPE_Q8_0,
    TypeV = GGMLType.GGML_TYPE_Q4_0,
    SplitMode = GPUSplitMode.Row,
    MainGpu = 0,
};
parameters.TensorSplits[0] = 3f;
parameters.TensorSplits[1] = 1f;
using var weights = LLamaWeights.LoadFromFile(parameters);
using var context = weights.CreateContext(parameters);
