using System.Runtime.InteropServices;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// A persistent ggml CPU threadpool (ggml_threadpool_new), the one llama-bench and llama-server attach to each
/// context. ggml_threadpool_new/free live in the dynamically loaded CPU backend, so they are looked up through its
/// registry, as llama-bench does. Free it only after every context that uses it (the context handle holds a reference).
/// </summary>
public sealed unsafe class SafeGgmlThreadpoolHandle : SafeHandle
{
    private static readonly Lock Gate = new();
    private static delegate* unmanaged<GgmlThreadpoolParams*, IntPtr> _new;
    private static delegate* unmanaged<IntPtr, void> _free;

    public SafeGgmlThreadpoolHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The most threads a graph can use on this pool.</summary>
    public int Threads { get; private set; }

    /// <summary>Starts <paramref name="threads"/> workers (the calling thread counts as one) with the given settings.</summary>
    public static SafeGgmlThreadpoolHandle Create(int threads, CpuThreadpoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, GgmlThreadpoolParams.MaxThreads);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        ResolveFunctions();
        CpuThreadpoolSettings.TryParseMask(settings.CpuMask, out var mask, out _);
        GgmlThreadpoolParams p;
        Ggml.ThreadpoolParamsInit(&p, threads);
        for (var i = 0; i < mask.Length; i++)
        {
            p.CpuMask[i] = mask[i] ? (byte)1 : (byte)0;
        }

        p.Poll = (uint)settings.Poll;
        p.StrictCpu = settings.StrictCpu ? (byte)1 : (byte)0;
        p.Prio = settings.Priority;
        var pointer = _new(&p);
        if (pointer == IntPtr.Zero)
        {
            throw new LlamaNativeException(
                $"ggml could not create a CPU threadpool of {threads} threads (cpu mask {settings.CpuMask}, priority {settings.Priority})",
                "use fewer threads, a cpu mask with at least as many CPUs as threads, or a priority the process may set");
        }

        var h = new SafeGgmlThreadpoolHandle { Threads = threads };
        h.SetHandle(pointer);
        return h;
    }

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }

    private static void ResolveFunctions()
    {
        lock (Gate)
        {
            if (_new != null)
            {
                return;
            }

            var cpu = Ggml.DeviceByType(GgmlDeviceType.Cpu);
            if (cpu == IntPtr.Zero)
            {
                throw new LlamaNativeException("no CPU backend is loaded, so there is no CPU threadpool to create", "reinstall the backend with `jantune backends install cpu`");
            }

            var reg = Ggml.DeviceRegistry(cpu);
            var create = Ggml.RegistryProcAddress(reg, "ggml_threadpool_new");
            var free = Ggml.RegistryProcAddress(reg, "ggml_threadpool_free");
            if (create == null || free == null)
            {
                throw new LlamaNativeException("the loaded CPU backend exports no ggml_threadpool_new/free", "this llama.cpp build is not the pinned one; reinstall with `jantune backends install cpu`");
            }

            _free = (delegate* unmanaged<IntPtr, void>)free;
            _new = (delegate* unmanaged<GgmlThreadpoolParams*, IntPtr>)create;
        }
    }
}
