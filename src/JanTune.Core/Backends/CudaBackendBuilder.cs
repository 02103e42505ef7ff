using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace JanTune.Core.Backends;

/// <summary>
/// Compiles ggml's CUDA backend from the llama.cpp source that node-llama-cpp 3.22.1 ships (llama/gitRelease.bundle,
/// fetched and integrity-checked like the binary packages) with the local nvcc and cmake, and drops the resulting
/// libggml-cuda.so beside the prebuilt libllama.cuda. The prebuilt library carries only PTX for sm_90, which drivers
/// with an older compiler cannot JIT; a native build for the GPU at hand avoids that.
/// </summary>
public sealed class CudaBackendBuilder(JanTunePaths paths)
{
    public const string LocalBuildFile = "jantune-local-build.json";

    /// <param name="arch">native (ask nvidia-smi) or sm_XX / XX / XXa.</param>
    /// <param name="sourceDir">An already extracted ggml source folder; null fetches and unpacks the pinned bundle.</param>
    /// <param name="jobs">Parallel compile jobs.</param>
    /// <param name="log">Receives each command and progress line.</param>
    public string Build(string arch, string? sourceDir, int jobs, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var cudaDir = paths.BackendDir("cuda");
        if (BackendInstaller.ReadManifest(cudaDir) is null)
        {
            throw new JanTuneException("the prebuilt CUDA package is not installed (its libllama.cuda is needed)", "run `jantune backends install cuda` first");
        }

        var cudaArch = ResolveArch(arch);
        var ggml = sourceDir ?? FetchSource(log);
        if (!File.Exists(Path.Combine(ggml, "CMakeLists.txt")))
        {
            throw new JanTuneException($"{ggml} is not a ggml source folder (no CMakeLists.txt)", "pass the ggml/ folder of the llama.cpp source with --source");
        }

        // Standalone ggml's CMakeLists configures a pkg-config file from ggml.pc.in, which the bundle lacks.
        var pcIn = Path.Combine(ggml, "ggml.pc.in");
        if (!File.Exists(pcIn))
        {
            File.WriteAllText(pcIn, string.Empty);
        }

        var build = Path.Combine(paths.CacheDir, "cuda-build-" + cudaArch);
        Run("cmake", ["-S", ggml, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=ON", "-DGGML_BACKEND_DL=ON",
            "-DGGML_CUDA=ON", "-DGGML_CPU=OFF", "-DGGML_BUILD_TESTS=OFF", "-DGGML_BUILD_EXAMPLES=OFF", "-DGGML_NATIVE=OFF",
            $"-DCMAKE_CUDA_ARCHITECTURES={cudaArch}"], log);
        Run("cmake", ["--build", build, "--target", "ggml-cuda", "-j", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture)], log);
        var built = Directory.EnumerateFiles(build, "libggml-cuda.so", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new JanTuneException("the build finished but produced no libggml-cuda.so", "run with --verbose and check the cmake output above");
        var target = Path.Combine(cudaDir, "libggml-cuda.so");
        if (File.Exists(target) && !File.Exists(target + ".prebuilt"))
        {
            File.Move(target, target + ".prebuilt");
        }

        File.Copy(built, target + ".partial", overwrite: true);
        File.Move(target + ".partial", target, overwrite: true);
        File.WriteAllText(Path.Combine(cudaDir, LocalBuildFile), JsonSerializer.Serialize(new { file = "libggml-cuda.so", arch = cudaArch, builtAt = DateTimeOffset.UtcNow }));
        return target;
    }

    /// <summary>Files of a backend folder replaced by a local build (their manifest size no longer applies).</summary>
    public static IReadOnlySet<string> LocallyBuilt(string backendFolder) =>
        File.Exists(Path.Combine(backendFolder, LocalBuildFile)) ? new HashSet<string>(StringComparer.Ordinal) { "libggml-cuda.so" } : new HashSet<string>(StringComparer.Ordinal);

    private static string ResolveArch(string arch)
    {
        var a = arch.Trim().ToLowerInvariant();
        if (a != "native")
        {
            return a.StartsWith("sm_", StringComparison.Ordinal) ? a[3..] : a;
        }

        var cap = Capture("nvidia-smi", ["--query-gpu=compute_cap", "--format=csv,noheader"]).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        var digits = cap.Replace(".", string.Empty, StringComparison.Ordinal);

        // Hopper's wgmma/TMA paths need the arch-specific target (sm_90a), not plain sm_90.
        return digits == "90" ? "90a" : digits;
    }

    private string FetchSource(Action<string> log)
    {
        var src = Path.Combine(paths.CacheDir, "llama-src");
        if (File.Exists(Path.Combine(src, "ggml", "CMakeLists.txt")))
        {
            return Path.Combine(src, "ggml");
        }

        var tarball = NpmPacker.Pack(BackendCatalog.Source, Path.Combine(paths.CacheDir, "npm"), log);
        BackendInstaller.VerifyIntegrity(tarball, BackendCatalog.Source);
        var bundle = Path.Combine(paths.CacheDir, "gitRelease.bundle");
        using (var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var reader = new TarReader(gz))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.Name == "package/llama/gitRelease.bundle")
                {
                    entry.ExtractToFile(bundle, overwrite: true);
                }
            }
        }

        if (!File.Exists(bundle))
        {
            throw new JanTuneException($"{BackendCatalog.Source.Spec} holds no llama/gitRelease.bundle", "the package layout changed; pin another version");
        }

        Run("git", ["clone", "--quiet", bundle, src], log);
        return Path.Combine(src, "ggml");
    }

    private static void Run(string file, IReadOnlyList<string> args, Action<string> log)
    {
        log($"$ {file} {string.Join(' ', args)}");
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = StartOrExplain(psi);
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new JanTuneException($"`{file}` failed (exit {p.ExitCode}): {NativeFailureDiagnosis.Tail(err.Result + "\n" + output, 8)}", "check that the CUDA toolkit (nvcc), cmake and ninja are installed and match the driver");
        }
    }

    private static string Capture(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = StartOrExplain(psi);
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private static Process StartOrExplain(ProcessStartInfo psi)
    {
        try
        {
            return Process.Start(psi) ?? throw new JanTuneException($"could not start {psi.FileName}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new JanTuneException($"{psi.FileName} was not found on PATH", "install the CUDA toolkit (nvcc), cmake, ninja and git, or pass --arch explicitly", ex);
        }
    }
}
