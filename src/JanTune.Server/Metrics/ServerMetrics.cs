using Prometheus;

namespace JanTune.Server.Metrics;

/// <summary>
/// The server's live counters, written by the scheduler and the request pipeline, read by /metrics. They are
/// prometheus-net collectors in a registry of this server's own (tests start many servers in one process), together with
/// prometheus-net's process and .NET runtime metrics (<c>process_*</c>, <c>dotnet_*</c>: RSS, managed heap, GC counts,
/// threads), which is what a soak run watches for leaks.
/// </summary>
public sealed partial class ServerMetrics
{
    /// <summary>Upper bounds (seconds) of the time-to-first-token histogram buckets.</summary>
    internal static readonly double[] TtftBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Gauge _rate;
    private readonly Counter _generated;
    private readonly Gauge _queueDepth;
    private readonly Gauge _busySlots;
    private readonly Gauge _threads;
    private readonly Counter _threadSwitches;
    private readonly Counter _requests;
    private readonly Histogram _ttft;
    private readonly Queue<(long Stamp, int Tokens)> _recent = new();
    private readonly Lock _gate = new();

    public ServerMetrics(TimeProvider time)
    {
        _time = time;
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _rate = factory.CreateGauge("jantune_generation_tokens_per_second", "Generated tokens per second over the last 10 s, all slots");
        _generated = factory.CreateCounter("jantune_generated_tokens_total", "Tokens generated since start");
        _queueDepth = factory.CreateGauge("jantune_queue_depth", "Requests waiting for a slot");
        _busySlots = factory.CreateGauge("jantune_busy_slots", "Slots generating or prefilling");
        _threads = factory.CreateGauge("jantune_threads", "Current inference threads");
        _threadSwitches = factory.CreateCounter("jantune_thread_switches_total", "Adaptive thread count changes");
        _requests = factory.CreateCounter("jantune_requests_total", "HTTP requests by status code", "status");
        _ttft = factory.CreateHistogram("jantune_time_to_first_token_seconds", "Time from admission to the first generated token",
            new HistogramConfiguration { Buckets = TtftBuckets });
        _registry.AddBeforeCollectCallback(() => _rate.Set(RecentTokensPerSecond()));
        DotNetStats.Register(_registry);
    }

    public int QueueDepth => (int)_queueDepth.Value;

    public int BusySlots => (int)_busySlots.Value;

    public int Threads => (int)_threads.Value;

    public long ThreadSwitches => (long)_threadSwitches.Value;

    public long GeneratedTokens => (long)_generated.Value;

    public void SetQueueDepth(int value) => _queueDepth.Set(value);

    public void SetBusySlots(int value) => _busySlots.Set(value);

    public void SetThreads(int value) => _threads.Set(value);

    public void ThreadSwitched(int value)
    {
        _threads.Set(value);
        _threadSwitches.Inc();
    }

    public void RequestCompleted(int statusCode) => _requests.WithLabels(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public void FirstToken(TimeSpan elapsed) => _ttft.Observe(elapsed.TotalSeconds);

    /// <summary>Records tokens produced by one scheduler step.</summary>
    public void TokensGenerated(int count)
    {
        _generated.Inc(count);
        lock (_gate)
        {
            _recent.Enqueue((_time.GetTimestamp(), count));
            Trim();
        }
    }

    /// <summary>Generated tokens per second over the last few seconds (all slots together).</summary>
    public double RecentTokensPerSecond()
    {
        lock (_gate)
        {
            Trim();
            if (_recent.Count == 0)
            {
                return 0;
            }

            var span = _time.GetElapsedTime(_recent.Peek().Stamp);
            var tokens = _recent.Sum(r => r.Tokens);
            return tokens / Math.Max(span.TotalSeconds, 1.0);
        }
    }

    private void Trim()
    {
        while (_recent.Count > 0 && _time.GetElapsedTime(_recent.Peek().Stamp) > RateWindow)
        {
            _recent.Dequeue();
        }
    }
}
