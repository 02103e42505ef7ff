using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Reporting;

/// <summary>
/// A fixed, hand-shaped sweep of a 22-layer (TinyLlama-like) model: cpu, cuda and vulkan over NGL 0..23,
/// threads 1 and 2, q4_0 and q8_0, two ubatch sizes, energy on the GPU trials and three trials that did not run.
/// Numbers come from formulas, not a random generator, so snapshots never drift.
/// </summary>
internal static class ReportFixture
{
    public const int Layers = 22;
    private const double GiB = 1024.0 * 1024 * 1024;
    private static readonly int[] Ngls = [0, 4, 8, 12, 16, 20, 22, 23];
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static HardwareSummary Hardware { get; } = new("ci-h200-a1b2")
    {
        Cpu = "Intel Xeon Platinum 8480+ (AVX-512, AMX)",
        Cores = 16,
        RamBytes = 128L * 1024 * 1024 * 1024,
        Os = "Debian GNU/Linux 12 (bookworm)",
        Gpus = ["NVIDIA H200 (139 GiB, driver 580.95)"],
        LlamaBuild = "b6000 (node-llama-cpp 3.22.1)",
        Backends = ["cpu", "cuda", "vulkan"],
    };

    public static IReadOnlyList<TrialResult> Results { get; } = BuildResults();

    public static ReportInput Input => new(Hardware, Results)
    {
        Predictions = BuildPredictions(),
        Recommendation = new ReportRecommendation(Config("cuda", "q4_0", 23, 2))
        {
            PromptTokensPerSecond = 8850,
            GenerationTokensPerSecond = 395,
            MemoryBytes = (long)(1.31 * GiB),
            Rationale = "Fastest generation within the 8 GiB VRAM limit.",
            ExportedFiles = ["exports/jan/tinyllama-q4_0/model.yml", "exports/llama-server.sh", "exports/Modelfile"],
            Baselines =
            [
                new(Core.Sweeps.Baselines.BaselineRuntime.LlamaServer, "cuda", "tg128")
                {
                    Tuned = new("tg128", 395, 4, 5, 390, 400, null), Baseline = new("tg128", 219, 3, 5, 215, 223, null),
                    SameAs = [Core.Sweeps.Baselines.BaselineRuntime.Jan],
                },
                new(Core.Sweeps.Baselines.BaselineRuntime.Ollama, "cuda", "tg128") { Tuned = new("tg128", 395, 4, 5, 390, 400, null), NotMeasured = "its baseline trial failed: out of memory" },
            ],
        },
    };

    public static TrialConfig Config(string backend, string quant, int ngl, int threads, int ubatch = 512) => new()
    {
        Backend = backend,
        ModelPath = $"models/tinyllama-1.1b-{quant}.gguf",
        Quant = quant,
        GpuLayers = ngl,
        Threads = threads,
        UBatchSize = ubatch,
    };

    private static List<TrialResult> BuildResults()
    {
        var list = new List<TrialResult>();
        foreach (var threads in new[] { 1, 2 })
        {
            list.Add(Ok(Config("cpu", "q4_0", 0, threads), TrialTest.Pp512, threads == 1 ? 40.2 : 76.5, 0));
            list.Add(Ok(Config("cpu", "q4_0", 0, threads), TrialTest.Tg128, threads == 1 ? 14.1 : 24.3, 0));
        }

        foreach (var backend in new[] { "cuda", "vulkan" })
        {
            foreach (var ngl in Ngls)
            {
                foreach (var test in new[] { TrialTest.Pp512, TrialTest.Tg128 })
                {
                    list.Add(Ok(Config(backend, "q4_0", ngl, 2), test, Speed(backend, "q4_0", ngl, test), ngl));
                }
            }
        }

        foreach (var ngl in new[] { 0, 23 })
        {
            list.Add(Ok(Config("cuda", "q8_0", ngl, 2), TrialTest.Pp512, Speed("cuda", "q8_0", ngl, TrialTest.Pp512), ngl));
            list.Add(Ok(Config("cuda", "q8_0", ngl, 2), TrialTest.Tg128, Speed("cuda", "q8_0", ngl, TrialTest.Tg128), ngl));
        }

        list.Add(Ok(Config("cuda", "q4_0", 23, 2, ubatch: 256), TrialTest.Pp512, 7420, 23));
        list.Add(Ok(Config("cuda", "q4_0", 23, 2, ubatch: 1024), TrialTest.Pp512, 9610, 23));

        list.Add(NotRun(Config("vulkan", "q8_0", 23, 2), TrialTest.Pp512, TrialStatus.Failed, "vk::Device::createBuffer: ErrorOutOfDeviceMemory"));
        list.Add(NotRun(Config("cuda", "q8_0", 12, 2), TrialTest.Tg128, TrialStatus.Skipped, "predicted 9.1 GiB does not fit in 8.0 GiB of free VRAM"));
        list.Add(NotRun(Config("cuda", "q4_0", 4, 1), TrialTest.Tg128, TrialStatus.Failed, "worker died: <CUDA error 999 & \"unknown\"> (SIGABRT)"));
        return list;
    }

    // Time per token mixes CPU and GPU layers; the output layer only moves at NGL = layers + 1.
    private static double Speed(string backend, string quant, int ngl, TrialTest test)
    {
        var prompt = test.Kind == TestKind.Prompt;
        var cpu = prompt ? 76.5 : 24.3;
        var gpu = (prompt ? 9000.0 : 400.0) * (backend == "vulkan" ? 0.8 : 1.0) * (quant == "q8_0" ? 0.85 : 1.0);
        cpu *= (quant == "q8_0" ? 0.7 : 1.0) * (backend == "vulkan" && ngl > 0 ? 0.85 : 1.0);
        var f = Math.Min(ngl, Layers) / (double)(Layers + 1) + (ngl > Layers ? 1.0 / (Layers + 1) : 0);
        return Math.Round(1 / (((1 - f) / cpu) + (f / gpu)), 1);
    }

    private static TrialResult Ok(TrialConfig config, TrialTest test, double mean, int ngl)
    {
        var spread = test.Kind == TestKind.Prompt ? 0.03 : 0.05;
        var f = Math.Min(ngl, Layers + 1) / (double)(Layers + 1);
        var file = config.Quant == "q8_0" ? 1.09 : 0.59;
        var gpu = config.Backend != "cpu";
        var watts = config.Backend == "cuda" ? 60 + (250 * f) : 60 + (230 * f);
        return new TrialResult
        {
            TrialId = $"t-{config.Backend}-{config.Quant}-{ngl}-{config.Threads}-{config.UBatchSize}-{test.Name}",
            ProfileId = Hardware.ProfileId,
            LlamaBuild = "b6000",
            CpuVariant = "sapphirerapids",
            Config = config,
            Test = test,
            Status = TrialStatus.Ok,
            Samples = [mean * 0.99, mean, mean * 1.01, mean, mean],
            Stats = new SampleStatistics(5, mean, mean * spread / 3, mean, mean * 0.98, mean * 1.02, Math.Round(mean * (1 - spread), 2), Math.Round(mean * (1 + spread), 2), 0.999, 0),
            PeakRssBytes = (long)((0.25 + (file * (1 - f))) * GiB),
            DeviceMemoryBytes = gpu ? (long)(((file * f) + (ngl > 0 ? 0.3 : 0.02)) * GiB) : null,
            PowerWatts = gpu ? watts : null,
            JoulesPerToken = gpu ? Math.Round(watts / mean, 4) : null,
            EnergyUnavailableReason = gpu ? null : "RAPL: not present",
            StartedAt = Start,
            Duration = TimeSpan.FromSeconds(12),
            Model = new ModelFacts($"tinyllama-1.1b-{config.Quant}.gguf", (long)(file * GiB), Layers, 1_100_048_384, config.Quant == "q8_0" ? 8.5 : 4.5, (long)(file * GiB / 23), (long)(file * GiB / 23), 22528),
        };
    }

    private static TrialResult NotRun(TrialConfig config, TrialTest test, TrialStatus status, string error) => new()
    {
        TrialId = $"t-{config.Backend}-{config.Quant}-{config.GpuLayers}-{config.Threads}-{test.Name}",
        ProfileId = Hardware.ProfileId,
        LlamaBuild = "b6000",
        Config = config,
        Test = test,
        Status = status,
        Error = error,
        StartedAt = Start,
    };

    private static PredictionSet BuildPredictions()
    {
        var ok = Results.Where(r => r.Status == TrialStatus.Ok).ToList();
        var predictions = ok.Select((r, i) => new Prediction(
            r.Config,
            r.Test,
            Math.Round(r.Stats!.Mean * (1 + (0.08 * Math.Sin(i))), 1),
            (long)(((r.PeakRssBytes ?? 0) + (r.DeviceMemoryBytes ?? 0)) * (1 + (0.05 * Math.Cos(i)))))).ToList();
        return new PredictionSet(predictions, new Dictionary<string, double> { ["pp512"] = 6.1, ["tg128"] = 7.4, ["memory"] = 3.2 });
    }
}
