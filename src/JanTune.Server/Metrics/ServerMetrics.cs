using System.Collections.Concurrent;

namespace JanTune.Server.Metrics;

/// <summary>
/// The server's live counters, written by the scheduler and the request pipeline, read by /metrics.
/// Lock-free where hot (per token), a small lock for the recent-rate window.
/// </summary>
public sealed partial class ServerMetrics(TimeProvider time)
{
    /// <summary>Upper bounds (seconds) of the time-to-first-token histogram buckets.</summary>
    internal static readonly double[] TtftBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, long> _requestsByStatus = new();
    private readonly long[] _ttftCounts = new long[TtftBuckets.Length + 1];
    private readonly Queue<(long Stamp, int Tokens)> _recent = new();
    private readonly Lock _gate = new();
    private long _ttftSumMicros;
    private long _ttftCount;
    private long _generatedTotal;
    private int _queueDepth;
    private int _busySlots;
    private int _threads;
    private long _threadSwitches;

    public int QueueDepth => Volatile.Read(ref _queueDepth);

    public int BusySlots => Volatile.Read(ref _busySlots);

    public int Threads => Volatile.Read(ref _threads);

    public long ThreadSwitches => Interlocked.Read(ref _threadSwitches);

    public long GeneratedTokens => Interlocked.Read(ref _generatedTotal);

    public void SetQueueDepth(int value) => Volatile.Write(ref _queueDepth, value);

    public void SetBusySlots(int value) => Volatile.Write(ref _busySlots, value);

    public void SetThreads(int value) => Volatile.Write(ref _threads, value);

    public void ThreadSwitched(int value)
    {
        Volatile.Write(ref _threads, value);
        Interlocked.Increment(ref _threadSwitches);
    }

    public void RequestCompleted(int statusCode) => _requestsByStatus.AddOrUpdate(statusCode, 1, (_, n) => n + 1);

    public void FirstToken(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var bucket = Array.FindIndex(TtftBuckets, b => seconds <= b);
        Interlocked.Increment(ref _ttftCounts[bucket < 0 ? TtftBuckets.Length : bucket]);
        Interlocked.Add(ref _ttftSumMicros, (long)(seconds * 1e6));
        Interlocked.Increment(ref _ttftCount);
    }

    /// <summary>Records tokens produced by one scheduler step.</summary>
    public void TokensGenerated(int count)
    {
        Interlocked.Add(ref _generatedTotal, count);
        lock (_gate)
        {
            _recent.Enqueue((time.GetTimestamp(), count));
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

            var span = time.GetElapsedTime(_recent.Peek().Stamp);
            var tokens = _recent.Sum(r => r.Tokens);
            return tokens / Math.Max(span.TotalSeconds, 1.0);
        }
    }

    private void Trim()
    {
        while (_recent.Count > 0 && time.GetElapsedTime(_recent.Peek().Stamp) > RateWindow)
        {
            _recent.Dequeue();
        }
    }
}
