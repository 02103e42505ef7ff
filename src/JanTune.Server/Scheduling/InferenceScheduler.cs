using System.Collections.Concurrent;
using JanTune.Core.Inference;
using JanTune.Server.Metrics;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Scheduling;

/// <summary>
/// Continuous batching over one shared context. A single thread owns the context (llama.cpp contexts are
/// single-threaded): each step it frees cancelled slots, admits queued jobs into free slots (prefilling their prompts
/// in n_batch chunks), then decodes ONE batch holding the next token of every generating slot and samples each slot
/// from its own output with its own sampler. Requests talk to it only through the queue and their job's channel.
/// </summary>
internal sealed partial class InferenceScheduler : IDisposable
{
    private readonly LlamaContext _context;
    private readonly Slot[] _slots;
    private readonly TokenBatch _batch;
    private readonly ConcurrentQueue<GenerationJob> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private readonly int _queueLimit;
    private int _queued;
    private int _requestedThreads;
    private volatile bool _stopping;

    public InferenceScheduler(LlamaContext context, int slotContextSize, int queueLimit, ServerMetrics metrics, ILogger logger, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotContextSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        _context = context;
        SlotContextSize = slotContextSize;
        _queueLimit = queueLimit;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _slots = Enumerable.Range(0, context.MaxSequences).Select(i => new Slot(i)).ToArray();
        _batch = new TokenBatch(context.BatchSize);
        _requestedThreads = context.Threads;
        metrics.SetThreads(context.Threads);
        _thread = new Thread(Run) { IsBackground = true, Name = "jantune-scheduler" };
        _thread.Start();
    }

    /// <summary>Positions each request may use: prompt plus generated tokens.</summary>
    public int SlotContextSize { get; }

    public int SlotCount => _slots.Length;

    public LlamaModel Model => _context.Model;

    /// <summary>Queues a job; false when the queue is full (the caller answers 503).</summary>
    public bool TryEnqueue(GenerationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_stopping)
        {
            return false;
        }

        // Count only what waits beyond the free slots, so an idle server never rejects.
        var free = _slots.Length - _metrics.BusySlots;
        if (Interlocked.Increment(ref _queued) > _queueLimit + Math.Max(0, free))
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        job.QueuedAt = _time.GetTimestamp();
        _queue.Enqueue(job);
        _metrics.SetQueueDepth(Volatile.Read(ref _queued));
        job.Cancellation.UnsafeRegister(static s => ((AutoResetEvent)s!).Set(), _wake);
        _wake.Set();
        return true;
    }

    /// <summary>Asks for a new thread count; the scheduler applies it between steps (never mid-decode).</summary>
    public void RequestThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Volatile.Write(ref _requestedThreads, threads);
        _wake.Set();
    }

    public void Dispose()
    {
        _stopping = true;
        _context.RequestAbort();
        _wake.Set();
        _thread.Join();
        _context.ClearAbort();
        foreach (var slot in _slots)
        {
            slot.Job?.Events.Writer.TryComplete(new OperationCanceledException("the server is shutting down"));
            slot.Dispose();
        }

        while (_queue.TryDequeue(out var job))
        {
            job.Events.Writer.TryComplete(new OperationCanceledException("the server is shutting down"));
        }

        _batch.Dispose();
        _wake.Dispose();
    }
}
