namespace JanTune.Core.Backends;

/// <summary>
/// Turns what a dying or failing llama.cpp process printed into a cause a person can act on. The patterns are the
/// failures seen on real machines: prebuilt PTX newer than the driver's compiler, missing CUDA runtime libraries,
/// no Vulkan loader, no device.
/// </summary>
public static class NativeFailureDiagnosis
{
    private static readonly (string Pattern, string Reason)[] Known =
    [
        ("unsupported toolchain", "the driver cannot compile this build's PTX for the GPU (prebuilt CUDA code has no machine code for this architecture); build the CUDA backend locally with `jantune backends build cuda`"),
        ("no kernel image is available", "this CUDA build has no kernel for the GPU's architecture; build it locally with `jantune backends build cuda --arch native`"),
        ("libcudart.so", "the CUDA runtime (libcudart.so) is missing; install the CUDA toolkit or runtime matching the driver"),
        ("libcublas", "cuBLAS (libcublas.so) is missing; install the CUDA toolkit's cuBLAS"),
        ("libvulkan.so", "no Vulkan loader (libvulkan.so.1); install libvulkan1 and the GPU vendor's Vulkan driver"),
        ("CUDA driver version is insufficient", "the NVIDIA driver is older than this CUDA build needs; update the driver"),
        ("no CUDA-capable device", "no NVIDIA GPU is visible to this process"),
        ("out of memory", "the device ran out of memory"),
    ];

    /// <summary>The first known cause found in <paramref name="output"/>, or null.</summary>
    public static string? Diagnose(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (pattern, reason) in Known)
        {
            if (output.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The last few non-empty lines of a process's error output, for a message.</summary>
    public static string Tail(string output, int lines = 4) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}
