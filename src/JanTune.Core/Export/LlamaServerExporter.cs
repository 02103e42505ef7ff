using System.Text;
using JanTune.Core.Inference;

namespace JanTune.Core.Export;

/// <summary>
/// llama-server: a POSIX shell script with the exact command line, extra arguments passed through. Every flag is
/// spelled as the pinned llama.cpp's common/arg.cpp spells it; <c>--fit off</c> keeps llama-server from re-fitting
/// the tuned layers and context, and the context is given per slot explicitly (<c>-c</c> is the total that
/// <c>-np</c> splits, with a unified KV buffer turned off).
/// </summary>
public sealed class LlamaServerExporter : IConfigExporter
{
    public const string FileName = "llama-server.sh";

    public string Format => "llama-server";

    /// <summary>The arguments after the program name, one flag and its value per element pair.</summary>
    public static IReadOnlyList<string> Arguments(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = request.Config;
        var args = new List<string>
        {
            "-m", c.ModelPath,
            "-ngl", ExportRequest.Number(request.GpuLayers),
            "-t", ExportRequest.Number(c.Threads),
            "-tb", ExportRequest.Number(c.EffectiveThreadsBatch),
            "-c", ExportRequest.Number(c.ContextSize * request.Parallel),
            "-np", ExportRequest.Number(request.Parallel),
            "-no-kvu",
            "-b", ExportRequest.Number(c.BatchSize),
            "-ub", ExportRequest.Number(c.UBatchSize),
            "-fa", c.FlashAttention.Name(),
            "-ctk", c.CacheType.Name(),
            "-ctv", c.EffectiveCacheTypeV.Name(),
            "--fit", "off",
        };
        if (!c.HasDefaultSplit)
        {
            args.AddRange(["-sm", c.SplitMode.Name()]);
            if (c.TensorSplit.Length > 0)
            {
                args.AddRange(["-ts", c.TensorSplit]);
            }
        }

        // The pinned llama.cpp has no --no-mmap/--mlock: one --load-mode says both.
        if (request.NoMmap || request.Mlock)
        {
            args.AddRange(["--load-mode", request.Mlock ? request.NoMmap ? "mlock" : "mmap+mlock" : "none"]);
        }

        if (!c.WeightRepack)
        {
            args.Add("--no-repack");
        }

        // common/arg.cpp: --cpu-moe keeps every layer's experts on the CPU, --n-cpu-moe N those of layers 0..N-1.
        if (c.CpuMoe)
        {
            args.Add("--cpu-moe");
        }

        if (c.CpuMoeLayers > 0)
        {
            args.AddRange(["--n-cpu-moe", ExportRequest.Number(c.CpuMoeLayers)]);
        }

        // -ot as measured (common/arg.cpp parse_tensor_buffer_overrides; llama.cpp adds it after the two above).
        if (c.OverrideTensor is not null)
        {
            args.AddRange(["--override-tensor", c.OverrideTensor]);
        }

        // JanTune measured one threadpool for generation and prompt alike. llama-server keeps two, and since -tb is
        // given its batch pool does not copy the generation pool's settings (common/arg.cpp postprocess_cpu_params):
        // each is set. --prio-batch takes 0..3 only, so a low priority applies to generation alone (noted on export).
        if (c.HasCustomThreadpool)
        {
            var tp = c.EffectiveThreadpool;
            var strict = tp.StrictCpu ? "1" : "0";
            args.AddRange(["--poll", ExportRequest.Number(tp.Poll), "--poll-batch", ExportRequest.Number(tp.Poll)]);
            args.AddRange(["--cpu-strict", strict, "--cpu-strict-batch", strict, "--prio", ExportRequest.Number((int)tp.Priority)]);
            if (tp.Priority >= Native.Interop.GgmlSchedPriority.Normal)
            {
                args.AddRange(["--prio-batch", ExportRequest.Number((int)tp.Priority)]);
            }

            if (tp.CpuMask != Native.CpuThreadpoolSettings.Default.CpuMask)
            {
                args.AddRange(["--cpu-mask", tp.CpuMask, "--cpu-mask-batch", tp.CpuMask]);
            }
        }

        args.AddRange(["--host", request.Host, "--port", ExportRequest.Number(request.Port)]);
        return args;
    }

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("# llama-server with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("# -c is the total context: -np slots of ").Append(ExportRequest.Number(request.Config.ContextSize)).Append(" tokens each (-no-kvu); --fit off keeps the tuned -ngl and -c\n")
            .Append("exec llama-server ").Append(string.Join(' ', Arguments(request).Select(Quote))).Append(" \"$@\"\n")
            .ToString();
        var path = Path.Combine(outDir, FileName);
        var backup = writer.WriteText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var notes = new List<string> { request.BackendNote("llama-server", $"run a {BuildName(request.Config.Backend)} build of llama-server (a build without it warns and ignores -ngl, common/arg.cpp)") };
        if (request.Config.EffectiveThreadpool.Priority < Native.Interop.GgmlSchedPriority.Normal)
        {
            notes.Add("thread priority low (-1) applies to generation only: llama-server's --prio-batch accepts 0..3, so prompt processing runs at normal priority");
        }

        return new ExportResult { Files = [path], Backups = backup is null ? [] : [backup], Notes = notes };
    }

    /// <summary>How llama.cpp's build options name a backend: CUDA, Vulkan.</summary>
    internal static string BuildName(string backend) => backend.ToLowerInvariant() switch
    {
        "cuda" => "CUDA",
        "vulkan" => "Vulkan",
        _ => backend,
    };

    /// <summary>Single-quotes anything a shell could split or expand.</summary>
    internal static string Quote(string s) =>
        s.Length > 0 && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+')
            ? s
            : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
