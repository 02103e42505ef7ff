namespace JanTune.Core.Sweeps.Baselines;

/// <summary>What the runtimes' defaults depend on about this machine.</summary>
/// <param name="MathThreads">llama.cpp's default thread count here (common_cpu_get_num_math: the physical cores).</param>
/// <param name="TotalVramBytes">Total memory of the GPUs (Ollama picks its default context from it); 0 without a GPU, null when unknown.</param>
public sealed record MachineDefaults(int MathThreads, long? TotalVramBytes);
