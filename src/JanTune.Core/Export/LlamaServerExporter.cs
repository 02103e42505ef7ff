using System.Text;

namespace JanTune.Core.Export;

/// <summary>llama-server: a POSIX shell script with the exact command line, extra arguments passed through.</summary>
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
            "-tb", ExportRequest.Number(c.Threads),
            "-c", ExportRequest.Number(c.ContextSize),
            "-b", ExportRequest.Number(c.BatchSize),
            "-ub", ExportRequest.Number(c.UBatchSize),
            "-fa", request.FlashAttentionText,
            "-ctk", request.CacheTypeText,
            "-ctv", request.CacheTypeText,
        };
        if (c.SplitMode != Inference.SplitMode.Layer)
        {
            args.AddRange(["-sm", request.SplitModeText]);
        }

        if (c.TensorSplit.Length > 0)
        {
            args.AddRange(["-ts", c.TensorSplit]);
        }

        if (request.NoMmap)
        {
            args.Add("--no-mmap");
        }

        if (!c.WeightRepack)
        {
            args.Add("--no-repack");
        }

        args.AddRange(["-np", ExportRequest.Number(request.Parallel), "--host", request.Host, "--port", ExportRequest.Number(request.Port)]);
        return args;
    }

    public IReadOnlyList<string> Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("# llama-server with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("exec llama-server ").Append(string.Join(' ', Arguments(request).Select(Quote))).Append(" \"$@\"\n")
            .ToString();
        var path = Path.Combine(outDir, FileName);
        writer.WriteText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return [path];
    }

    /// <summary>Single-quotes anything a shell could split or expand.</summary>
    internal static string Quote(string s) =>
        s.Length > 0 && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '/' or ':' or '=')
            ? s
            : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
