using System.Text.Json;
using JanTune.Cli.Commands;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Server.Hosting;
using JanTune.Server.Tests.LlamaArgs;
using JanTune.Server.Threads;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Tests.EndToEnd;

/// <summary>
/// sweep → recommend → export in every format → serve --config on each export (and serve --profile): what llama.cpp
/// loads is recommended.json, field by field. Expected values are read from recommended.json's JSON, not through the
/// code that wrote or reads the exports.
/// </summary>
public sealed class TuneToExportTests
{
    private const string Profile = "e2e-export";

    /// <summary>
    /// Fields a format's runtime cannot apply for this recommendation, each with the words the export must say about it.
    /// Ollama sends one num_batch as both -b and -ub, so batch is lost only where the two differ.
    /// </summary>
    private static (string Field, string Said)[] NotApplied(string format, Expected want) => format switch
    {
        "ollama" when want.BatchSize != want.UBatchSize => [("batch", "Ollama sends num_batch")],
        "cortex" => [("batch", "threads_batch, batch, flash attention, KV cache type, weight repack, mmap, split mode and tensor split, and expert placement (n_cpu_moe, cpu_moe) have no cortex keys"), ("threads_batch", "threads_batch"), ("mmap", "mmap"), ("split", "split mode and tensor split"), ("ubatch", "batch, flash attention"), ("flash_attn", "flash attention"), ("cache_type_k", "KV cache type"), ("cache_type_v", "KV cache type"), ("weight_repack", "weight repack")],
        _ => [],
    };

    [Fact]
    public async Task SweepRecommendExportEveryFormat_ServeConfigOnEachAndServeProfile_LoadTheRecommendationFieldByField()
    {
        // Given a quick sweep and its stored recommendation
        using var ws = new TuneWorkspace();
        Assert.Equal(0, (await ws.RunAsync("sweep", "--quick", "--profile", Profile)).Exit);
        Assert.Equal(0, (await ws.RunAsync("recommend", "--profile", Profile)).Exit);
        var want = Expected.Read(RecommendedConfig.PathFor(ws.Paths, Profile));

        // When it is exported in every format JanTune has, and each export (and the profile) is served
        var configs = new Dictionary<string, (string? Config, string Said)>(StringComparer.Ordinal) { ["profile"] = (null, string.Empty) };
        // LLamaSharp's ModelParams JSON is no serve config: LLamaSharp itself reads it back (LlamaSharpExporterTests).
        foreach (var format in JanTune.Core.Export.ConfigExporters.All.Select(e => e.Format).Where(f => f != "llamasharp"))
        {
            var dir = Path.Combine(ws.Root, "export-" + format);
            var run = format == "jan"
                ? await ws.RunAsync("export", "--profile", Profile, "--format", "jan", "--jan-data", dir, "--engine-settings")
                : await ws.RunAsync("export", "--profile", Profile, "--format", format, "--out", dir);
            Assert.True(run.Exit == 0, run.Output);
            var file = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(f) is "model.yml" or "llama-server.sh" or "Modelfile" && !f.Contains(".bak", StringComparison.Ordinal));
            configs[format] = (file, run.Output);
        }

        Assert.Equal(["cortex", "jan", "llama-server", "ollama", "profile"], configs.Keys.Order(StringComparer.Ordinal));
        foreach (var (format, (config, said)) in configs)
        {
            var flags = new ServeCommand.ServeFlags(null, config, config is null ? Profile : null, "127.0.0.1", 0, null, null, 16, null, null, ThreadsMode.Fixed, null, [], [], false);
            var (settings, backend) = ServeCommand.Resolve(flags, null, ws.Paths);
            await using var server = await JanTuneServer.StartAsync(settings, l => l.SetMinimumLevel(LogLevel.Warning));
            await server.ModelLoaded;
            Assert.Equal(ModelState.Ready, server.ModelState);

            // Then llama.cpp loaded the recommended value of every field the runtime applies; the export names the others
            var load = server.LoadedModelOptions!;
            var ctx = server.LoadedContextOptions!;
            var skip = NotApplied(format, want);
            foreach (var (_, words) in skip)
            {
                Assert.True(System.Text.RegularExpressions.Regex.Replace(said, @"\s+", " ").Contains(words, StringComparison.Ordinal), $"{format}: the export does not name \"{words}\": {said}");
            }

            void Check<T>(string field, T expected, T actual)
            {
                if (!skip.Any(s => s.Field == field))
                {
                    Assert.True(EqualityComparer<T>.Default.Equals(expected, actual), $"{format}: {field} is {actual}, recommended.json says {expected}");
                }
            }

            Check("backend", want.Backend, backend);
            Check("model", Path.GetFullPath(want.ModelPath), Path.GetFullPath(settings.ModelPath));
            Check("n_gpu_layers", want.GpuLayers, load.GpuLayers);
            Check("weight_repack", want.WeightRepack, load.WeightRepack);
            Check("mmap", want.UseMmap, load.UseMmap);
            Check("split_mode", want.SplitMode, load.SplitMode);
            Check("tensor_split", want.TensorSplit, string.Join(',', load.TensorSplit.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Check("ctx", want.ContextSize * want.Parallel, ctx.ContextSize);
            Check("parallel", want.Parallel, ctx.MaxSequences);
            Check("batch", want.BatchSize, ctx.BatchSize);
            Check("ubatch", want.UBatchSize, ctx.UBatchSize);
            Check("threads", want.Threads, ctx.Threads);
            Check("threads_batch", want.ThreadsBatch, ctx.ThreadsBatch);
            Check("flash_attn", want.FlashAttention, ctx.FlashAttention);
            Check("cache_type_k", want.CacheTypeK, ctx.TypeK);
            Check("cache_type_v", want.CacheTypeV, ctx.TypeV);
        }
    }

    [NeedsGppFact]
    public async Task SweepRecommendExportLlamaServer_ScriptRunThroughLlamaServersOwnParser_HoldsEveryRecommendedField()
    {
        // Given the llama-server export of a quick sweep's recommendation
        using var ws = new TuneWorkspace();
        Assert.Equal(0, (await ws.RunAsync("sweep", "--quick", "--profile", Profile, "--no-baselines")).Exit);
        Assert.Equal(0, (await ws.RunAsync("recommend", "--profile", Profile)).Exit);
        var want = Expected.Read(RecommendedConfig.PathFor(ws.Paths, Profile));
        var dir = Path.Combine(ws.Root, "ls");
        Assert.Equal(0, (await ws.RunAsync("export", "--profile", Profile, "--format", "llama-server", "--out", dir)).Exit);

        // When the script runs with llama.cpp's common_params_parse standing in for llama-server
        var parsed = await LlamaArgsParser.ParseScriptAsync(Path.Combine(dir, "llama-server.sh"));

        // Then llama-server would run the recommendation, and would not re-fit it
        LlamaServerArgumentsTests.AssertFields(parsed, new Dictionary<string, object>
        {
            ["model"] = want.ModelPath, ["n_gpu_layers"] = want.GpuLayers, ["split_mode"] = want.SplitModeText, ["tensor_split"] = want.TensorSplit,
            ["no_extra_bufts"] = !want.WeightRepack, ["load_mode"] = want.UseMmap ? "auto" : "none", ["fit_params"] = false,
            ["n_ctx"] = want.ContextSize * want.Parallel, ["n_parallel"] = want.Parallel, ["kv_unified"] = false,
            ["n_batch"] = want.BatchSize, ["n_ubatch"] = want.UBatchSize, ["n_threads"] = want.Threads, ["n_threads_batch"] = want.ThreadsBatch,
            ["flash_attn"] = want.FlashAttentionText, ["cache_type_k"] = want.CacheTypeKText, ["cache_type_v"] = want.CacheTypeVText,
        });
    }

    [Fact]
    public async Task RecommendForPromptThenExportAndReport_StoredRecommendation_IsWhatBothShowAndExportRefusesToRecommendAgain()
    {
        // Given a recommendation stored for a non-default objective and constraint
        using var ws = new TuneWorkspace();
        Assert.Equal(0, (await ws.RunAsync("sweep", "--quick", "--profile", Profile, "--no-baselines")).Exit);
        var recommend = await ws.RunAsync("recommend", "--profile", Profile, "--objective", "prompt", "--min-ctx", "1024");
        Assert.True(recommend.Exit == 0, recommend.Output);
        var rec = RecommendedConfig.Load(ws.Paths, Profile);
        Assert.Equal(TuningObjective.Prompt, rec.Objective);
        // The quick sweep measures one CPU configuration, so any objective picks it; a stored batch no trial has proves
        // export and report read recommended.json instead of recommending again from the trials.
        rec = rec with { Config = rec.Config with { BatchSize = 256, UBatchSize = 128 } };
        rec.Save(ws.Paths);
        var perfModel = Path.Combine(ws.Paths.ProfilesDir, Profile, "perf-model.json");
        var perfModelBefore = File.ReadAllBytes(perfModel);

        // When it is exported and reported
        var dir = Path.Combine(ws.Root, "ls");
        var export = await ws.RunAsync("export", "--profile", Profile, "--format", "llama-server", "--out", dir);
        var report = await ws.RunAsync("report", "--profile", Profile);
        var again = await ws.RunAsync("export", "--profile", Profile, "--format", "llama-server", "--out", dir, "--objective", "gen");

        // Then both say where it came from and show the stored configuration; export leaves the fitted model alone
        Assert.True(export.Exit == 0, export.Output);
        Assert.Contains($"recommendation from profiles/{Profile}/recommended.json, objective prompt, min-ctx 1024, saved ", export.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("stale", export.Output, StringComparison.Ordinal);
        var written = JanTune.Server.Config.ConfigFileReader.Read(Path.Combine(dir, "llama-server.sh")).Config;
        Assert.Equal((256, 128, rec.Config.Threads, rec.Config.ContextSize, rec.Config.FlashAttention, rec.Config.CacheType), (written.BatchSize, written.UBatchSize, written.Threads, written.ContextSize, written.FlashAttention, written.CacheType));
        Assert.Equal(perfModelBefore, File.ReadAllBytes(perfModel));
        Assert.True(report.Exit == 0, report.Output);
        Assert.Contains("objective prompt, min-ctx 1024", report.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(ws.Paths.ReportsDir, Profile), "*.html").Single());
        Assert.Contains("objective prompt, min-ctx 1024", html, StringComparison.Ordinal);
        Assert.Contains("<td>256 / 128</td>", html, StringComparison.Ordinal);

        // And a recommend option given to export is refused, with the command to run instead
        Assert.NotEqual(0, again.Exit);
        Assert.Contains("--objective: export writes the recommendation stored by `jantune recommend`", again.Output, StringComparison.Ordinal);
        Assert.Contains($"jantune recommend --profile {Profile} --objective gen", again.Output, StringComparison.Ordinal);
    }

    /// <summary>recommended.json's fields, read as JSON.</summary>
    private sealed record Expected(
        string Backend, string ModelPath, int GpuLayers, int Threads, int ThreadsBatch, int BatchSize, int UBatchSize, int ContextSize, int Parallel,
        string FlashAttentionText, string CacheTypeKText, string CacheTypeVText, bool WeightRepack, bool UseMmap, string SplitModeText, string TensorSplit)
    {
        public FlashAttention FlashAttention => FlashAttentionText switch { "enabled" => FlashAttention.On, "disabled" => FlashAttention.Off, _ => FlashAttention.Auto };

        public GgmlType CacheTypeK => Enum.Parse<GgmlType>(CacheTypeKText, ignoreCase: true);

        public GgmlType CacheTypeV => Enum.Parse<GgmlType>(CacheTypeVText, ignoreCase: true);

        public SplitMode SplitMode => Enum.Parse<SplitMode>(SplitModeText, ignoreCase: true);

        public static Expected Read(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var c = root.GetProperty("config");
            int Int(string name, int absent) => c.TryGetProperty(name, out var v) ? v.GetInt32() : absent;
            string Str(string name, string absent) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : absent;
            var threads = Int("threads", 1);
            var threadsBatch = Int("threadsBatch", 0);
            var k = Str("cacheType", "f16");
            var fa = Str("flashAttention", "auto");
            var backend = Str("backend", "cpu");
            return new Expected(
                backend,
                Str("modelPath", string.Empty),
                backend == "cpu" ? 0 : Int("gpuLayers", 0),
                threads,
                threadsBatch > 0 ? threadsBatch : threads, // 0 = the same as threads
                Int("batchSize", 2048),
                Int("uBatchSize", 512),
                Int("contextSize", 4096),
                root.TryGetProperty("parallel", out var np) ? np.GetInt32() : 1,
                fa switch { "on" => "enabled", "off" => "disabled", _ => "auto" }, // llama_flash_attn_type_name's spelling
                k,
                Str("cacheTypeV", k), // absent = the same as K
                !c.TryGetProperty("weightRepack", out var wr) || wr.GetBoolean(),
                !c.TryGetProperty("useMmap", out var mm) || mm.GetBoolean(),
                Str("splitMode", "layer"),
                Str("tensorSplit", string.Empty));
        }
    }
}
