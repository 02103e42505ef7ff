using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>
/// ggml-backend.h: the registry and loader live in libggml, device accessors and the logger in libggml-base.
/// </summary>
internal static unsafe partial class Ggml
{
    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_load_all_from_path", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void BackendLoadAllFromPath(string directory);

    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_dev_count")]
    public static partial nuint DeviceCount();

    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_dev_get")]
    public static partial IntPtr DeviceGet(nuint index);

    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_reg_count")]
    public static partial nuint RegistryCount();

    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_reg_get")]
    public static partial IntPtr RegistryGet(nuint index);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_name")]
    public static partial byte* DeviceName(IntPtr device);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_description")]
    public static partial byte* DeviceDescription(IntPtr device);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_memory")]
    public static partial void DeviceMemory(IntPtr device, nuint* free, nuint* total);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_type")]
    public static partial GgmlDeviceType DeviceType(IntPtr device);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_backend_reg")]
    public static partial IntPtr DeviceRegistry(IntPtr device);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_reg_name")]
    public static partial byte* RegistryName(IntPtr registry);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_reg_dev_count")]
    public static partial nuint RegistryDeviceCount(IntPtr registry);

    [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_dev_by_type")]
    public static partial IntPtr DeviceByType(GgmlDeviceType type);

    /// <summary>Functions a dynamically loaded backend exports through its registry (ggml_threadpool_new lives in libggml-cpu-*).</summary>
    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_reg_get_proc_address", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void* RegistryProcAddress(IntPtr registry, string name);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_threadpool_params_init")]
    public static partial void ThreadpoolParamsInit(GgmlThreadpoolParams* parameters, int threads);

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_log_set")]
    public static partial void LogSet(delegate* unmanaged<GgmlLogLevel, byte*, void*, void> callback, void* userData);

    /// <summary>ggml.h: quantizes <paramref name="nrows"/> rows of <paramref name="nPerRow"/> floats; returns the bytes written.</summary>
    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_quantize_chunk")]
    public static partial nuint QuantizeChunk(int type, float* source, void* destination, long start, long nrows, long nPerRow, float* imatrix);

    /// <summary>ggml.h: bytes of one row of <paramref name="elements"/> values of <paramref name="type"/>.</summary>
    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_row_size")]
    public static partial nuint RowSize(int type, long elements);

    /// <summary>ggml-backend.h: the host buffer type; llama.cpp's --cpu-moe / --n-cpu-moe overrides point at it.</summary>
    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_cpu_buffer_type")]
    public static partial IntPtr CpuBufferType();

    [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_buft_name")]
    public static partial byte* BufferTypeName(IntPtr bufferType);
}
