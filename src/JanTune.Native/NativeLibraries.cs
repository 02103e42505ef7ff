using System.Reflection;
using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// The one place that decides which llama.cpp build this process talks to. A process binds exactly one backend
/// folder (CPU, Vulkan or CUDA builds each ship their own libllama), which is why sweeps run each backend in a
/// child worker process.
/// </summary>
public static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static string? _folder;
    private static Dictionary<string, string>? _paths;

    /// <summary>The backend folder this process is bound to, or null before <see cref="Configure"/>.</summary>
    public static string? Folder => _folder;

    /// <summary>
    /// Binds the process to the libraries in <paramref name="backendFolder"/>. Calling it again with the same folder
    /// is a no-op; a different folder is an error because loaded native code cannot be swapped.
    /// </summary>
    /// <exception cref="LlamaNativeException">The folder or one of its libraries is missing.</exception>
    public static void Configure(string backendFolder, string? installHint = null)
    {
        var folder = Path.GetFullPath(backendFolder);
        lock (Gate)
        {
            if (_folder is not null)
            {
                if (!string.Equals(_folder, folder, StringComparison.Ordinal))
                {
                    throw new LlamaNativeException(
                        $"this process already uses the llama.cpp libraries in {_folder}; it cannot switch to {folder}",
                        "run each backend in its own process (jantune sweep does this for you)");
                }

                return;
            }

            _paths = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Libraries.Llama] = Find(folder, "libllama", installHint),
                [Libraries.Ggml] = Find(folder, "libggml", installHint),
                [Libraries.GgmlBase] = Find(folder, "libggml-base", installHint),
            };
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            _folder = folder;
        }
    }

    /// <summary>Full path of a logical library, after <see cref="Configure"/>.</summary>
    public static string PathOf(string logicalName) =>
        _paths is not null && _paths.TryGetValue(logicalName, out var p) ? p : throw new InvalidOperationException("NativeLibraries.Configure was not called");

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var paths = _paths;
        if (paths is null || !paths.TryGetValue(name, out var path))
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.Load(path);
    }

    /// <summary>
    /// Finds e.g. libllama.v0.5.0.so or libllama.cuda.v0.5.0.so, but never libllama-common.so or libggml-cpu-*.so:
    /// only versioned file names exist, so LD_LIBRARY_PATH alone cannot find them.
    /// </summary>
    private static string Find(string folder, string stem, string? installHint)
    {
        var hint = installHint ?? "run `jantune backends install cpu`";
        if (!Directory.Exists(folder))
        {
            throw new LlamaNativeException($"llama.cpp backend folder {folder} does not exist", hint);
        }

        var exact = Path.Combine(folder, stem + ".so");
        if (File.Exists(exact))
        {
            return exact;
        }

        var match = Directory.EnumerateFiles(folder, stem + ".*.so")
            .Where(f => Path.GetFileName(f).AsSpan(stem.Length).StartsWith(".", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
        return match ?? throw new LlamaNativeException($"{stem}*.so is missing from {folder}", hint);
    }
}
