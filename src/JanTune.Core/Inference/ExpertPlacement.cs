using System.Globalization;

namespace JanTune.Core.Inference;

/// <summary>
/// Where a mixture-of-experts model's routed-expert weights live: the tensor buffer-type overrides llama.cpp's
/// <c>--cpu-moe</c> and <c>--n-cpu-moe N</c> add (common/arg.cpp; patterns and helpers in common/common.h:
/// LLM_FFN_EXPS_REGEX, llm_ffn_block_regex, llm_add_n_cpu_ffn_overrides), each pointing at the CPU buffer type.
/// </summary>
public static class ExpertPlacement
{
    /// <summary>common/common.h LLM_FFN_EXPS_REGEX: every layer's routed-expert tensors.</summary>
    public const string AllExpertsPattern = @"\.ffn_(up|down|gate|gate_up)_(ch|)exps";

    /// <summary>
    /// The override patterns, in llama.cpp's order: <paramref name="cpuMoe"/> adds <see cref="AllExpertsPattern"/>;
    /// <paramref name="cpuMoeLayers"/> adds <c>blk\.i\.ffn_…_exps</c> for layers 0 to N-1 (llm_ffn_block_regex).
    /// </summary>
    public static IReadOnlyList<string> CpuOverridePatterns(bool cpuMoe, int cpuMoeLayers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpuMoeLayers);
        var patterns = new List<string>(cpuMoeLayers + 1);
        if (cpuMoe)
        {
            patterns.Add(AllExpertsPattern);
        }

        for (var i = 0; i < cpuMoeLayers; i++)
        {
            patterns.Add(string.Create(CultureInfo.InvariantCulture, $"blk\\.{i}{AllExpertsPattern}"));
        }

        return patterns;
    }

    /// <summary>
    /// Every host-memory override of a load, in the order llama.cpp adds them: --cpu-moe / --n-cpu-moe's patterns,
    /// then the -ot patterns of <paramref name="overrideTensor"/> (see <see cref="TensorOverrides"/>).
    /// </summary>
    public static IReadOnlyList<string> CpuOverridePatterns(bool cpuMoe, int cpuMoeLayers, string? overrideTensor) =>
        [.. CpuOverridePatterns(cpuMoe, cpuMoeLayers), .. TensorOverrides.CpuPatterns(overrideTensor)];
}
