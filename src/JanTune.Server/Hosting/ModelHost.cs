using JanTune.Core.Inference;
using JanTune.Server.Metrics;
using JanTune.Server.Scheduling;
using JanTune.Server.Threads;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Hosting;

/// <summary>
/// Owns the model, its one shared context and the scheduler. Loading runs in the background after the server
/// listens, so /health can answer 503 meanwhile instead of the port being closed.
/// </summary>
internal sealed class ModelHost : IDisposable
{
    private readonly ServeSettings _settings;
    private readonly Func<LlamaModel> _load;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private LlamaModel? _model;
    private LlamaContext? _context;
    private InferenceScheduler? _scheduler;
    private ThreadGovernor? _governor;
    private volatile ModelState _state = ModelState.Loading;
    private int _disposed;

    public ModelHost(ServeSettings settings, Func<LlamaModel> load, ServerMetrics metrics, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _load = load;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    public ModelState State => _state;

    public ServeSettings Settings => _settings;

    /// <summary>The options the model was loaded with, once loaded: what serve really applied.</summary>
    public ModelLoadOptions? LoadedModelOptions => _model?.Options;

    /// <summary>The options of the context serve decodes in, once created.</summary>
    public ContextOptions? LoadedContextOptions => _context?.Options;

    /// <summary>The scheduler once <see cref="State"/> is ready, else null.</summary>
    public InferenceScheduler? Scheduler => _state == ModelState.Ready ? _scheduler : null;

    /// <summary>Completes when loading ends, either way.</summary>
    public Task Loaded { get; private set; } = Task.CompletedTask;

    public void StartLoading() => Loaded = Task.Run(Load);

    private void Load()
    {
        try
        {
            var started = _time.GetTimestamp();
            _model = _load();
            _context = _model.CreateContext(_settings.ToContextOptions());
            // ctx 0 (Jan's "model default") leaves llama.cpp to size the context; each slot then gets its share.
            var slotContext = _settings.Config.ContextSize > 0 ? _settings.Config.ContextSize : _context.ContextSize / Math.Max(1, _context.MaxSequences);
            _scheduler = new InferenceScheduler(_context, slotContext, _settings.Serving.QueueLimit, _metrics, _logger, _time);
            if (_settings.Serving.ThreadsMode != ThreadsMode.Fixed)
            {
                var policy = new AdaptiveThreadPolicy(_settings.Serving.ThreadsMode, Environment.ProcessorCount, _settings.Config.Threads, _settings.ThreadScaling);
                var scheduler = _scheduler;
                scheduler.RequestThreads(policy.Current);
                _metrics.SetThreads(policy.Current);
                _governor = new ThreadGovernor(policy, scheduler.RequestThreads, _metrics, _logger, _time);
            }

            _logger.LogInformation(
                "model ready in {Ms:F0} ms: {Description}, context {Ctx} ({Slots} slots x {SlotCtx}), n_batch {Batch}, n_ubatch {UBatch}, threads {Threads}",
                _time.GetElapsedTime(started).TotalMilliseconds, _model.Description, _context.ContextSize, _context.MaxSequences, slotContext, _context.BatchSize, _context.UBatchSize, _context.Threads);
            _state = ModelState.Ready;
        }
#pragma warning disable CA1031 // A failed load is reported by /health and the log; the server stays up to say so.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "model load failed");
            _state = ModelState.Failed;
        }
    }

    public void Dispose()
    {
        // The DI container disposes this too; the first call wins.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            Loaded.Wait();
        }
        catch (AggregateException)
        {
        }

        _governor?.Dispose();
        _scheduler?.Dispose();
        _context?.Dispose();
        _model?.Dispose();
    }
}
