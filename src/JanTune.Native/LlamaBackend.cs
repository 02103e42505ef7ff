using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// Process-wide llama.cpp start-up: bind the libraries of one backend folder, install the logger (before any
/// backend loads, or their first lines go to stderr), load every ggml backend from that folder explicitly
/// (with NULL ggml searches the executable's folder, which under .NET is the runtime's), then llama_backend_init.
/// </summary>
public static unsafe class LlamaBackend
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>True after <see cref="Initialize"/> succeeded in this process.</summary>
    public static bool IsInitialized => _initialized;

    /// <summary>Initializes once per process; later calls with the same folder are no-ops.</summary>
    public static void Initialize(string backendFolder, string? installHint = null)
    {
        lock (Gate)
        {
            NativeLibraries.Configure(backendFolder, installHint);
            if (_initialized)
            {
                return;
            }

            try
            {
                NativeLog.Install();
                Ggml.BackendLoadAllFromPath(NativeLibraries.Folder!);
                Llama.BackendInit();
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new LlamaNativeException(
                    $"the llama.cpp libraries in {backendFolder} could not be loaded: {ex.Message}",
                    installHint ?? "reinstall the backend with `jantune backends install cpu`",
                    ex);
            }

            if (Ggml.DeviceCount() == 0)
            {
                throw new LlamaNativeException(
                    $"no ggml backend could be loaded from {backendFolder} (no libggml-cpu-*.so matched this CPU)",
                    installHint ?? "reinstall the backend with `jantune backends install cpu`");
            }

            _initialized = true;
        }
    }

    /// <summary>llama_print_system_info, copied: the string belongs to the library.</summary>
    public static string SystemInfo() => Marshal.PtrToStringUTF8((IntPtr)Llama.PrintSystemInfo()) ?? string.Empty;

    /// <summary>Whether this build can offload layers to a GPU at all.</summary>
    public static bool SupportsGpuOffload => Llama.SupportsGpuOffload();

    /// <summary>Every device of every loaded backend, with its current free and total memory.</summary>
    public static IReadOnlyList<NativeDevice> Devices()
    {
        var count = (int)Ggml.DeviceCount();
        var list = new List<NativeDevice>(count);
        for (var i = 0; i < count; i++)
        {
            var dev = Ggml.DeviceGet((nuint)i);
            nuint free = 0, total = 0;
            Ggml.DeviceMemory(dev, &free, &total);
            var reg = Ggml.DeviceRegistry(dev);
            list.Add(new NativeDevice(
                i,
                Marshal.PtrToStringUTF8((IntPtr)Ggml.RegistryName(reg)) ?? "?",
                Marshal.PtrToStringUTF8((IntPtr)Ggml.DeviceName(dev)) ?? "?",
                Marshal.PtrToStringUTF8((IntPtr)Ggml.DeviceDescription(dev)) ?? string.Empty,
                Ggml.DeviceType(dev),
                (long)free,
                (long)total));
        }

        return list;
    }
}
