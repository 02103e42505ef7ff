namespace JanTune.Core.Inference;

/// <summary>How a model is loaded: the knobs that need a reload to change.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Layers to offload to the GPU; -1 = all, including the output layer (llama.cpp's default).</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>The GPU that holds the model when <see cref="SplitMode"/> is none.</summary>
    public int MainGpu { get; init; }

    /// <summary>How layers are split across several GPUs.</summary>
    public SplitMode SplitMode { get; init; } = SplitMode.Layer;

    /// <summary>Proportions of the model per GPU (empty = by free memory).</summary>
    public IReadOnlyList<float> TensorSplit { get; init; } = [];

    /// <summary>Memory-map the file (fast loads, pages shared with the page cache).</summary>
    public bool UseMmap { get; init; } = true;

    /// <summary>Repack Q4_0/Q8_0 weights for the CPU (use_extra_bufts): faster, costs RAM. A real tuning knob.</summary>
    public bool WeightRepack { get; init; } = true;

    /// <summary>
    /// n_cpu_moe: keep the routed-expert weights of layers 0 to N-1 in host memory (llama.cpp's --n-cpu-moe N); the
    /// rest of those layers follows <see cref="GpuLayers"/>. 0 = no override. Meaningless for a dense model.
    /// </summary>
    public int CpuMoeLayers { get; init; }

    /// <summary>cpu_moe: keep every layer's routed-expert weights in host memory (llama.cpp's --cpu-moe).</summary>
    public bool CpuMoe { get; init; }

    /// <summary>More tensors kept in host memory, in llama.cpp's -ot syntax (see <see cref="TensorOverrides"/>); null = none.</summary>
    public string? OverrideTensor { get; init; }

    /// <summary>Validate tensor data while loading (slow; for suspicious files).</summary>
    public bool CheckTensors { get; init; }

    /// <summary>Only read metadata and simulate allocations (llama.cpp's no_alloc dry run).</summary>
    public bool DryRun { get; init; }
}

/// <summary>llama_split_mode.</summary>
public enum SplitMode
{
    None = 0,
    Layer = 1,
    Row = 2,

    /// <summary>Every tensor split across the GPUs (LLAMA_SPLIT_MODE_TENSOR; needs flash attention).</summary>
    Tensor = 3,
}
