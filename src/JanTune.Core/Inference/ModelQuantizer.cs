using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>Quantizes a GGUF file with llama.cpp itself (llama_model_quantize), writing atomically.</summary>
public static class ModelQuantizer
{
    /// <summary>
    /// Writes <paramref name="output"/> as <paramref name="ftype"/> (a llama_ftype id, e.g. 2 = Q4_0, 7 = Q8_0, 15 = Q4_K_M).
    /// The result appears only when complete: a killed quantization leaves no truncated model behind.
    /// </summary>
    public static void Quantize(string input, string output, int ftype, int threads = 0)
    {
        ModelFileCheck.ThrowIfNotGguf(input);
        if (!Native.LlamaBackend.IsInitialized)
        {
            LlamaRuntime.Initialize(JanTunePaths.Discover());
        }

        var temp = output + ".partial";
        var p = Llama.ModelQuantizeDefaultParams();
        p.FType = ftype;
        p.NThread = threads;
        var rc = Llama.ModelQuantize(input, temp, p);
        if (rc != 0 || !File.Exists(temp))
        {
            File.Delete(temp);
            if (FreeBytes(output) is { } free && free < new FileInfo(input).Length)
            {
                throw new JanTuneException(
                    $"no space left on the disk holding {output} while quantizing {Path.GetFileName(input)} ({free / (1 << 20)} MiB free, the source is {new FileInfo(input).Length / (1 << 20)} MiB)",
                    $"free space there (df -h {Path.GetDirectoryName(Path.GetFullPath(output))}), or set JANTUNE_HOME to a folder on a disk with room, then run the same command again; no partial model was left behind");
            }

            throw new JanTuneException(
                $"llama.cpp failed to quantize {Path.GetFileName(input)} to ftype {ftype} (code {rc})",
                "check free disk space and that the source is an F16/F32 GGUF; run with --verbose for llama.cpp's reason");
        }

        File.Move(temp, output, overwrite: true);
    }

    /// <summary>Free bytes on the disk of <paramref name="path"/> (llama.cpp reports a failed write only as a code), or null when unknown.</summary>
    private static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
