using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Core.Sweeps.Tune;

/// <summary>
/// A validated tune.json: what to sweep. Every list is non-empty; axes that depend on the model or the machine
/// (<see cref="GpuLayers"/>, <see cref="Threads"/>, <see cref="Backends"/>) are expanded by the planner.
/// </summary>
public sealed record TuneSpec
{
    public required IReadOnlyList<ModelSpec> Models { get; init; }

    /// <summary>Quantizations made from each synthetic preset's F16 source (ignored for user GGUF files).</summary>
    public required IReadOnlyList<ModelQuantization> Quantizations { get; init; }

    /// <summary>
    /// The engines that measure every configuration (default: npm only). Each configuration is planned once per
    /// engine, so their speeds compare on equal settings; the report sets them side by side.
    /// </summary>
    public IReadOnlyList<SweepEngine> Engines { get; init; } = [SweepEngine.Npm];

    /// <summary>Backend names; empty means "auto" (every installed backend).</summary>
    public required IReadOnlyList<string> Backends { get; init; }

    public required IntAxis GpuLayers { get; init; }

    public required IntAxis Threads { get; init; }

    public required IReadOnlyList<int> BatchSizes { get; init; }

    public required IReadOnlyList<int> UBatchSizes { get; init; }

    /// <summary>Context sizes to sweep; <see cref="ContextPerTest"/> sizes each trial's context to its test.</summary>
    public required IReadOnlyList<int> ContextSizes { get; init; }

    /// <summary>The value of "ctx": "test": n_ctx = the test's depth + tokens, as llama-bench sets it.</summary>
    public const int ContextPerTest = 0;

    public required IReadOnlyList<FlashAttention> FlashAttention { get; init; }

    public required IReadOnlyList<GgmlType> CacheTypes { get; init; }

    public required IReadOnlyList<bool> Repack { get; init; }

    /// <summary>
    /// n_cpu_moe: layers whose routed experts stay in host memory. "auto" (the default) sweeps 0 to the layer count for
    /// a MoE model on a GPU backend and nothing elsewhere (see <see cref="IntAxis.ExpandCpuMoeLayers"/>).
    /// </summary>
    public IntAxis CpuMoeLayers { get; init; } = IntAxis.Auto;

    /// <summary>cpu_moe: every layer's routed experts in host memory. Default: false.</summary>
    public IReadOnlyList<bool> CpuMoe { get; init; } = [false];

    /// <summary>override_tensor: host-memory tensor overrides in llama.cpp's -ot syntax; null = none (the default).</summary>
    public IReadOnlyList<string?> OverrideTensors { get; init; } = [null];

    /// <summary>
    /// CPU threadpool settings to measure: every combination of poll, cpu_mask, cpu_strict and prio (llama-bench's
    /// --poll, --cpu-mask, --cpu-strict, --prio). Default: llama.cpp's (poll 50, no mask, not strict, normal).
    /// </summary>
    public IReadOnlyList<Native.CpuThreadpoolSettings> Threadpools { get; init; } = [Native.CpuThreadpoolSettings.Default];

    /// <summary>How a model is split across several GPUs (GPU backends only). Default: layer.</summary>
    public IReadOnlyList<SplitMode> SplitModes { get; init; } = [SplitMode.Layer];

    /// <summary>Proportions per GPU as "3,1"; "" = by free memory (GPU backends only). Default: "".</summary>
    public IReadOnlyList<string> TensorSplits { get; init; } = [string.Empty];

    public required IReadOnlyList<TrialTest> Tests { get; init; }

    public int Repetitions { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    /// <summary>No new trial starts past this; the rest are reported as skipped. Null = no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Notes about fields that were accepted but do not apply (e.g. quantizations for a user file).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Grid measures every combination; adaptive lets the performance model choose what to measure.</summary>
    public SweepStrategy Strategy { get; init; } = SweepStrategy.Grid;
}
