namespace JanTune.Core.Hardware;

/// <summary>One compute device as a llama.cpp backend enumerates it.</summary>
/// <param name="Backend">The ggml backend registry that owns the device, for example <c>CPU</c>, <c>CUDA</c>, <c>Vulkan</c>.</param>
/// <param name="Name">The device name ggml reports, for example <c>CUDA0</c>.</param>
/// <param name="Description">The human-readable model, for example <c>NVIDIA H200</c>.</param>
/// <param name="Type">CPU, discrete GPU, integrated GPU or other accelerator.</param>
/// <param name="FreeBytes">Free device memory when enumerated; changes with load, so it never enters a fingerprint.</param>
/// <param name="TotalBytes">Total device memory.</param>
public sealed record DeviceInfo(
    string Backend,
    string Name,
    string Description,
    DeviceType Type,
    long FreeBytes,
    long TotalBytes);
