using System.Diagnostics;
using JanTune.Core.Inference;
using JanTune.Native;

namespace JanTune.Core.Backends;

/// <summary>The in-process half of `backends verify`: load the backend, list devices, decode a few tokens fully offloaded.</summary>
public static class BackendProbe
{
    public static BackendProbeResult Run(JanTunePaths paths, string backend, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(paths);
        LlamaRuntime.Initialize(paths, backend);
        var devices = LlamaBackend.Devices();
        var names = devices.Select(d => $"{d.Registry}:{d.Name} ({d.Description}, {d.TotalBytes >> 20} MiB)").ToList();
        var build = LlamaBuildInfo.Describe(paths.BackendDir(backend));
        if (MissingGpuReason(paths, backend) is { } missing)
        {
            return new BackendProbeResult(backend, false, missing, build, names, null);
        }

        using var model = LlamaModel.Load(modelPath, new ModelLoadOptions { GpuLayers = -1 });
        using var context = model.CreateContext(new ContextOptions { ContextSize = 256, BatchSize = 64, UBatchSize = 64, Threads = 1 });
        var prompt = model.Tokenize("verify this backend works");
        context.DecodeTokens(prompt);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 8; i++)
        {
            var logits = context.Logits();
            var best = 0;
            for (var t = 1; t < logits.Length; t++)
            {
                if (!float.IsFinite(logits[t]))
                {
                    return new BackendProbeResult(backend, false, "the decode produced non-finite logits (a broken kernel)", build, names, null);
                }

                best = logits[t] > logits[best] ? t : best;
            }

            context.DecodeTokens([best]);
        }

        context.Synchronize();
        return new BackendProbeResult(backend, true, null, build, names, 8 / clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Null when <paramref name="backend"/> is the CPU or has loaded a GPU device in this process; otherwise why not.
    /// A GPU backend without a device would silently run everything on the CPU under a GPU label.
    /// </summary>
    public static string? MissingGpuReason(JanTunePaths paths, string backend)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (backend == "cpu" || LlamaBackend.Devices().Any(d => d.Type is Native.Interop.GgmlDeviceType.Gpu or Native.Interop.GgmlDeviceType.IntegratedGpu))
        {
            return null;
        }

        var said = string.Join(" ", NativeLog.TakeRecentErrors());
        var why = WhyBackendLibraryFailed(paths.BackendDir(backend), backend);
        return $"the {backend} backend loaded no GPU device: {why ?? said}".Trim();
    }

    /// <summary>
    /// ggml skips a backend library it cannot dlopen without saying why; loading it ourselves returns the loader's
    /// message (e.g. "libvulkan.so.1: cannot open shared object file"), which names the missing piece.
    /// </summary>
    internal static string? WhyBackendLibraryFailed(string folder, string backend)
    {
        var library = Path.Combine(folder, $"libggml-{backend}.so");
        if (!File.Exists(library))
        {
            return $"{Path.GetFileName(library)} is missing";
        }

        try
        {
            System.Runtime.InteropServices.NativeLibrary.Load(library);
            return "the library loads but reports no device (no GPU, or the driver does not see it)";
        }
        catch (DllNotFoundException ex)
        {
            // .NET wraps the loader's message in advice about strace and LD_DEBUG; the last line is dlerror's.
            var loader = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return NativeFailureDiagnosis.Diagnose(loader) is { } known ? $"{known} ({loader})" : loader;
        }
    }
}
