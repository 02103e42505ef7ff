using System.Runtime.InteropServices;
using System.Text;
using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>
/// Routes llama.cpp and ggml log lines into a managed sink. Lines arrive on any native thread, possibly in pieces
/// (level 5 = continue the previous line), so they are assembled per thread before the sink sees them.
/// </summary>
public static unsafe class NativeLog
{
    [ThreadStatic]
    private static StringBuilder? _pending;

    [ThreadStatic]
    private static GgmlLogLevel _pendingLevel;

    private static readonly Queue<string> RecentErrors = new();
    private static volatile Action<GgmlLogLevel, string>? _sink;

    /// <summary>
    /// Where complete log lines go; null drops them (quiet by default). Must be set before backends are loaded
    /// to capture their start-up lines.
    /// </summary>
    public static Action<GgmlLogLevel, string>? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>
    /// The last warning and error lines llama.cpp logged, even when quiet: a failed load is explained with them
    /// instead of a bare "failed".
    /// </summary>
    public static IReadOnlyList<string> TakeRecentErrors()
    {
        lock (RecentErrors)
        {
            var lines = RecentErrors.ToArray();
            RecentErrors.Clear();
            return lines;
        }
    }

    /// <summary>Installs the callback in both loggers: llama_log_set also sets ggml's, but ggml-base is set explicitly too.</summary>
    internal static void Install()
    {
        Llama.LogSet(&OnLog, null);
        Ggml.LogSet(&OnLog, null);
    }

    [UnmanagedCallersOnly]
    private static void OnLog(GgmlLogLevel level, byte* text, void* userData)
    {
        try
        {
            var piece = Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
            var pending = _pending ??= new StringBuilder();
            if (level != GgmlLogLevel.Continue)
            {
                _pendingLevel = level;
            }

            pending.Append(piece);
            if (!piece.EndsWith('\n'))
            {
                return;
            }

            var line = pending.ToString().TrimEnd('\n');
            pending.Clear();
            if (_pendingLevel >= GgmlLogLevel.Warn)
            {
                lock (RecentErrors)
                {
                    RecentErrors.Enqueue(line);
                    while (RecentErrors.Count > 8)
                    {
                        RecentErrors.Dequeue();
                    }
                }
            }

            _sink?.Invoke(_pendingLevel, line);
        }
#pragma warning disable CA1031 // An exception must never unwind into native code.
        catch
        {
        }
#pragma warning restore CA1031
    }
}
