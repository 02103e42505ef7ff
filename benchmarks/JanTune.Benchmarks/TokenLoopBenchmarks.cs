using BenchmarkDotNet.Attributes;
using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Benchmarks;

/// <summary>
/// Managed overhead per generated token: JanTune's streaming generator against the bare decode+sample loop on the
/// same context, and the bare loop against llama.cpp's own decode time (perf counters). Run with
/// `dotnet run -c Release --project benchmarks/JanTune.Benchmarks -- --filter *TokenLoop*`.
/// </summary>
[MemoryDiagnoser]
public class TokenLoopBenchmarks
{
    private const int Tokens = 64;
    private LlamaModel _model = null!;
    private LlamaContext _context = null!;
    private SamplerChain _sampler = null!;
    private int[] _prompt = [];

    [Params("tiny", "125m")]
    public string Preset { get; set; } = "tiny";

    [GlobalSetup]
    public void Setup()
    {
        var paths = JanTunePaths.Discover();
        LlamaRuntime.Initialize(paths);
        var path = new ModelStore(paths).Ensure(SyntheticPresets.Get(Preset), ModelQuantization.Q4_0);
        _model = LlamaModel.Load(path);
        _context = _model.CreateContext(new ContextOptions { ContextSize = 512, Threads = 1 });
        _sampler = new SamplerChain(_model, SamplingOptions.Greedy);
        _prompt = _model.Tokenize("The benchmark prompt");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sampler.Dispose();
        _context.Dispose();
        _model.Dispose();
    }

    /// <summary>The floor: decode one token, sample, repeat; no streaming, no text.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Tokens)]
    public int BareDecodeLoop()
    {
        _context.ClearMemory();
        _context.DecodeTokens(_prompt);
        var token = 0;
        for (var i = 0; i < Tokens; i++)
        {
            token = _sampler.Sample(_context);
            _context.DecodeTokens([token]);
        }

        return token;
    }

    /// <summary>JanTune's generator: thread-pool hops, UTF-8 assembly, stop-string scan, stats, cancellation.</summary>
    [Benchmark(OperationsPerInvoke = Tokens)]
    public async Task<int> StreamingGenerator()
    {
        _context.ClearMemory();
        var last = 0;
        var options = new GenerationOptions { MaxTokens = Tokens, StopAtEndOfGeneration = false };
        await foreach (var piece in TextGenerator.GenerateAsync(_context, _sampler, _prompt, options))
        {
            last = piece.Token;
        }

        return last;
    }
}
