using System.Runtime.InteropServices;

namespace JanTune.Native.Nvml;

/// <summary>
/// The few NVML entry points telemetry needs (nvml.h, driver 450+). Every function returns an nvmlReturn_t;
/// 0 is success. Loaded lazily: the first call throws <see cref="DllNotFoundException"/> without an NVIDIA driver.
/// </summary>
internal static unsafe partial class NvmlInterop
{
    public const string Library = "libnvidia-ml.so.1";

    public const int Success = 0;

    /// <summary>NVML_DEVICE_NAME_V2_BUFFER_SIZE.</summary>
    public const int NameBufferSize = 96;

    [LibraryImport(Library, EntryPoint = "nvmlInit_v2")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "nvmlShutdown")]
    public static partial int Shutdown();

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetCount_v2")]
    public static partial int DeviceGetCount(out uint count);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
    public static partial int DeviceGetHandleByIndex(uint index, out nint device);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetName")]
    public static partial int DeviceGetName(nint device, byte* name, uint length);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetMemoryInfo")]
    public static partial int DeviceGetMemoryInfo(nint device, out NvmlMemory memory);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetUtilizationRates")]
    public static partial int DeviceGetUtilizationRates(nint device, out NvmlUtilization utilization);

    /// <summary>Board power draw in milliwatts.</summary>
    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetPowerUsage")]
    public static partial int DeviceGetPowerUsage(nint device, out uint milliwatts);

    /// <summary>Energy since the driver was loaded, in millijoules (Volta and newer).</summary>
    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetTotalEnergyConsumption")]
    public static partial int DeviceGetTotalEnergyConsumption(nint device, out ulong millijoules);

    /// <summary>Returns a static string owned by NVML: never free it, so the return stays a pointer.</summary>
    [LibraryImport(Library, EntryPoint = "nvmlErrorString")]
    public static partial byte* ErrorString(int result);
}
