using System.Diagnostics;
using System.Text.Json;

namespace JanTune.Core.Backends;

/// <summary>
/// Compiles ggml's CUDA backend from the llama.cpp source that node-llama-cpp 3.22.1 ships (llama/gitRelease.bundle,
/// fetched and integrity-checked like the binary packages) with the local nvcc and cmake, and drops the resulting
/// libggml-cuda.so beside the prebuilt libllama.cuda. The prebuilt library carries only PTX for sm_90, which drivers
/// with an older compiler cannot JIT; a native build for the GPU at hand avoids that.
/// It configures llama.cpp's top-level CMakeLists, not ggml's own: only the top level turns GGML_CUDA_GRAPHS on, and
/// without CUDA graphs every token launches each kernel separately (measured on an H200: 1b Q4_0 at full offload
/// 405-410 t/s tg128 with the standalone ggml build, 803-805 with this one; llama-bench 798-854). The same build folder
/// then also builds llama-bench and llama-server (scripts/build-llama-ref.sh) as the reference to compare against.
/// </summary>
public sealed class CudaBackendBuilder(JanTunePaths paths)
{
    public const string LocalBuildFile = "jantune-local-build.json";

    /// <summary>
    /// The options llama.cpp's own CUDA release builds use, plus what a backend dropped beside the npm libraries needs.
    /// The last two make it stand alone: by default the library links <c>libggml-base.so.0</c> with an absolute
    /// RUNPATH into the build folder, so it loaded a second ggml-base from there (its log lines bypassed JanTune's log
    /// routing, printed raw per token, and deleting the build folder broke the backend). Unversioned sonames and an
    /// $ORIGIN RUNPATH make it link <c>libggml-base.so</c> beside it, as node-llama-cpp's libraries do.
    /// </summary>
    public static IReadOnlyList<string> CmakeOptions(string cudaArch) =>
    [
        "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=ON", "-DGGML_BACKEND_DL=ON", "-DGGML_CUDA=ON", "-DGGML_CUDA_GRAPHS=ON",
        "-DGGML_NATIVE=OFF", "-DGGML_CPU_ALL_VARIANTS=ON", "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF",
        "-DLLAMA_OPENSSL=OFF", "-DLLAMA_USE_PREBUILT_UI=OFF", $"-DCMAKE_CUDA_ARCHITECTURES={cudaArch}",
        "-DCMAKE_PLATFORM_NO_VERSIONED_SONAME=ON", "-DCMAKE_BUILD_RPATH_USE_ORIGIN=ON",
    ];

    /// <summary>The build folder of one architecture (reused by the reference tools' build).</summary>
    public string BuildDir(string cudaArch) => Path.Combine(paths.CacheDir, "cuda-build-" + cudaArch);

    /// <param name="arch">native (ask nvidia-smi) or sm_XX / XX / XXa.</param>
    /// <param name="sourceDir">An extracted llama.cpp source folder (or its ggml/ folder); null fetches and unpacks the pinned bundle.</param>
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
        var source = sourceDir is null ? new LlamaSource(paths).Ensure(log) : LlamaSource.Root(sourceDir);
        var build = BuildDir(cudaArch);
        var options = CmakeOptions(cudaArch);
        Run("cmake", ["-S", source, "-B", build, "-G", "Ninja", .. options], log);
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
        File.WriteAllText(Path.Combine(cudaDir, LocalBuildFile), JsonSerializer.Serialize(new { file = "libggml-cuda.so", arch = cudaArch, cmake = options, buildDir = build, builtAt = DateTimeOffset.UtcNow }));
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

    internal static void Run(string file, IReadOnlyList<string> args, Action<string> log)
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
