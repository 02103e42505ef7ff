using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Modeling;

/// <summary>
/// A synthetic ground truth built from DESIGN.md's reference numbers, with effects outside the fitted model's family,
/// so that a passing modeling test means the model copes with a machine it cannot describe exactly:
/// <list type="bullet">
/// <item>a thread-contention knee: past the physical cores each extra thread costs speed (the model's saturation
/// curve can only flatten, never fall);</item>
/// <item>a cache cliff: a step, not a slope, when the working set leaves the cache (large ubatch; long context
/// without flash attention);</item>
/// <item>noise with outliers: five repetitions per trial, each with log-normal noise, and now and then one stolen by
/// a background process at 60% speed; the trial's mean and spread come from Perfolizer like a real sweep's.</item>
/// </list>
/// CPU: the ~0.84B Q4_0 model on a 2-core machine (tg128 ~ 25 t/s, pp512 ~ 90 t/s at 2 threads with repack).
/// GPU: the 7B Q4_0 on an H200 with CUDA (tg128 13 t/s at NGL 0, ~320 t/s at NGL all, a jump at the output layer).
/// </summary>
internal sealed class SimulatedMachine
{
    private readonly Random _random;
    private readonly double _noise;
    private readonly bool _gpu;
    private readonly int _cores;

    private SimulatedMachine(ModelFacts facts, bool gpu, int seed, double noise)
    {
        Facts = facts;
        _gpu = gpu;
        _cores = gpu ? 12 : 2;
        _random = new Random(seed);
        _noise = noise;
    }

    public ModelFacts Facts { get; }

    public static ModelFacts SmallQ40 { get; } = new("synthetic-0.84b-q4_0.gguf", 507_000_000, 16, 840_000_000, 4.5, 26_000_000, 54_000_000, 32_768);

    public static ModelFacts Llama7BQ40 { get; } = new("synthetic-7b-q4_0.gguf", 3_797_000_000, 32, 6_740_000_000, 4.5, 113_000_000, 107_000_000, 524_288);

    public static SimulatedMachine Cpu(int seed = 42, double noise = 0.03) => new(SmallQ40, gpu: false, seed, noise);

    public static SimulatedMachine Cuda(int seed = 7, double noise = 0.03) => new(Llama7BQ40, gpu: true, seed, noise);

    /// <summary>Share of repetitions a background process slows to <see cref="OutlierSpeed"/>.</summary>
    public const double OutlierRate = 0.06;

    public const double OutlierSpeed = 0.6;

    public const int Repetitions = 5;

    /// <summary>threads 1..4 on 2 cores × repack × batch × ubatch × ctx × flash attention: 128 configs.</summary>
    public static List<TrialConfig> CpuGrid() =>
        (from t in new[] { 1, 2, 3, 4 }
         from repack in new[] { true, false }
         from b in new[] { 512, 2048 }
         from ub in new[] { 128, 512 }
         from ctx in new[] { 2048, 8192 }
         from fa in new[] { FlashAttention.On, FlashAttention.Off }
         select new TrialConfig { Backend = "cpu", ModelPath = "models/synthetic-0.84b-q4_0.gguf", Quant = "q4_0", Threads = t, WeightRepack = repack, BatchSize = b, UBatchSize = ub, ContextSize = ctx, FlashAttention = fa }).ToList();

    /// <summary>NGL 0..L+1 (with the output-layer step) × threads (12 cores) × ubatch × flash attention: 108 configs.</summary>
    public static List<TrialConfig> CudaGrid() =>
        (from ngl in new[] { 0, 4, 8, 16, 24, 28, 31, 32, 33 }
         from t in new[] { 4, 8, 16 }
         from ub in new[] { 256, 512 }
         from fa in new[] { FlashAttention.On, FlashAttention.Off }
         select new TrialConfig { Backend = "cuda", ModelPath = "models/synthetic-7b-q4_0.gguf", Quant = "q4_0", GpuLayers = ngl, Threads = t, UBatchSize = ub, FlashAttention = fa }).ToList();

    public double TrueGeneration(TrialConfig c)
    {
        var (cpu, gpu, split) = Bytes(c);
        var repack = c.WeightRepack && cpu > 0 ? 1.25 : 1.0;
        double seconds;
        if (_gpu)
        {
            seconds = (cpu / (9e9 * Threads(c.Threads, 8))) + (gpu / 2.0e12) + (split ? 0.001 : 0) + 0.0012;
        }
        else
        {
            seconds = (cpu / (7e9 * Threads(c.Threads, 3)) / repack) + 0.004;
        }

        seconds *= c.FlashAttention == FlashAttention.Off ? 1.02 : 1.0;
        // Cache cliff: a long context without flash attention spills the attention scratch out of the cache.
        seconds *= c.ContextSize >= 8192 && c.FlashAttention == FlashAttention.Off ? 1.12 : 1.0;
        return 1 / seconds;
    }

    public double TruePrompt(TrialConfig c)
    {
        var (cpu, gpu, split) = Bytes(c);
        var flopsPerByte = 2 * 8 / Facts.BitsPerWeight;
        var ub = Math.Min(c.UBatchSize, c.BatchSize);
        var repack = c.WeightRepack && cpu > 0 ? 1.75 : 1.0;
        double seconds;
        if (_gpu)
        {
            seconds = (cpu * flopsPerByte / (40e9 * Threads(c.Threads, 8))) + (gpu * flopsPerByte / 150e12) + (cpu / ub / 25e9) + ((split ? 0.002 : 0.0005) / ub);
        }
        else
        {
            seconds = (cpu * flopsPerByte / (53e9 * Threads(c.Threads, 3)) / repack) + (cpu / ub / 7e9) + (0.002 / ub);
        }

        seconds *= c.FlashAttention == FlashAttention.Off ? 1.05 : 1.0;
        // Cache cliff: a 512-token ubatch's activations no longer fit the cache.
        seconds *= ub >= 512 ? 1.08 : 1.0;
        return 1 / seconds;
    }

    public long TrueRam(TrialConfig c) => (long)((MemoryPredictor.Predict(c, Facts).RamBytes * 1.04) + 30e6);

    public long TrueVram(TrialConfig c) => (long)(MemoryPredictor.Predict(c, Facts).VramBytes * 0.97);

    /// <summary>Runs pp512 and tg128 on one config: five noisy repetitions each, outliers included.</summary>
    public IReadOnlyList<TrialResult> Measure(TrialConfig c)
    {
        var pp = Result(c, TrialTest.Pp512, Repeat(TruePrompt(c)));
        var tg = Result(c, TrialTest.Tg128, Repeat(TrueGeneration(c)));
        return
        [
            pp with { TimeToFirstTokenMs = ((512 / pp.Stats!.Mean) + (1 / tg.Stats!.Mean)) * 1000 },
            tg,
        ];
    }

    public IReadOnlyList<TrialResult> MeasureAll(IEnumerable<TrialConfig> grid) => grid.SelectMany(Measure).ToList();

    private double[] Repeat(double truth) =>
        Enumerable.Range(0, Repetitions).Select(_ => truth * Noise() * (_random.NextDouble() < OutlierRate ? OutlierSpeed : 1)).ToArray();

    private TrialResult Result(TrialConfig c, TrialTest test, double[] samples) => new()
    {
        TrialId = c.Key + "|" + test.Name,
        ProfileId = "sim",
        LlamaBuild = "sim",
        Config = c,
        Test = test,
        Status = TrialStatus.Ok,
        Samples = samples,
        Stats = SampleStatisticsCalculator.From(samples),
        PeakRssBytes = (long)(TrueRam(c) * Noise(0.01)),
        DeviceMemoryBytes = _gpu ? (long)(TrueVram(c) * Noise(0.01)) : null,
        Model = Facts,
    };

    private double Noise(double? sd = null)
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp((sd ?? _noise) * z);
    }

    private (double Cpu, double Gpu, bool Split) Bytes(TrialConfig c)
    {
        var ngl = _gpu ? c.GpuLayers : 0;
        var layersOnGpu = Math.Min(ngl, Facts.Layers);
        var output = ngl > Facts.Layers;
        var cpu = ((Facts.Layers - layersOnGpu) * (double)Facts.BytesPerLayer) + (output ? 0 : Facts.OutputLayerBytes);
        var gpu = (layersOnGpu * (double)Facts.BytesPerLayer) + (output ? Facts.OutputLayerBytes : 0);
        return (cpu, gpu, cpu > 0 && gpu > 0);
    }

    private static double S(int t, double sat) => t / (1 + ((t - 1) / sat));

    /// <summary>Saturating scaling up to the physical cores, then a knee: each oversubscribed thread costs 20%.</summary>
    private double Threads(int t, double sat) => t <= _cores ? S(t, sat) : S(_cores, sat) * Math.Pow(0.8, t - _cores);
}
