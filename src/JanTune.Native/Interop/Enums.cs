namespace JanTune.Native.Interop;

#pragma warning disable CA1028 // The underlying types mirror the C enums.
#pragma warning disable CA1008 // Zero values are whatever llama.h says they are.

/// <summary>enum llama_split_mode.</summary>
public enum LlamaSplitMode
{
    None = 0,
    Layer = 1,
    Row = 2,
    Tensor = 3,
}

/// <summary>enum llama_load_mode.</summary>
public enum LlamaLoadMode
{
    Auto = -1,
    None = 0,
    Mmap = 1,
    Mlock = 2,
    MmapMlock = 3,
    DirectIo = 4,
}

/// <summary>enum llama_flash_attn_type.</summary>
public enum LlamaFlashAttnType
{
    Auto = -1,
    Disabled = 0,
    Enabled = 1,
}

/// <summary>enum ggml_backend_dev_type.</summary>
public enum GgmlDeviceType
{
    Cpu = 0,
    Gpu = 1,
    IntegratedGpu = 2,
    Accelerator = 3,
    Meta = 4,
}

/// <summary>enum ggml_log_level.</summary>
public enum GgmlLogLevel
{
    None = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
    Continue = 5,
}
#pragma warning restore CA1008
#pragma warning restore CA1028

/// <summary>enum ggml_sched_priority (ggml.h): the priority of the CPU backend's worker threads.</summary>
public enum GgmlSchedPriority
{
    Low = -1,
    Normal = 0,
    Medium = 1,
    High = 2,
    Realtime = 3,
}
