using JanTune.Core.Inference;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Scheduling;

/// <content>The scheduler thread: reap, admit, step.</content>
internal sealed partial class InferenceScheduler
{
    private void Run()
    {
        while (!_stopping)
        {
            try
            {
                ApplyThreads();
                ReapCancelled();
                Admit();
                if (!_slots.Any(s => s.IsBusy))
                {
                    _wake.WaitOne(TimeSpan.FromMilliseconds(250));
                    continue;
                }

                Step();
            }
#pragma warning disable CA1031 // The scheduler thread must survive anything one request does.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (_stopping)
                {
                    return;
                }

                _logger.LogError(ex, "scheduler step failed; failing the requests in it");
                foreach (var slot in _slots.Where(s => s.IsBusy))
                {
                    Finish(slot, ex);
                }
            }
        }
    }

    private void ApplyThreads()
    {
        var wanted = Volatile.Read(ref _requestedThreads);
        if (wanted != _context.Threads)
        {
            _context.SetThreads(wanted, wanted);
        }
    }

    private void ReapCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.Job is { Cancellation.IsCancellationRequested: true })
            {
                Finish(slot, new OperationCanceledException(slot.Job.Cancellation));
            }
        }
    }

    private void Admit()
    {
        foreach (var slot in _slots)
        {
            if (slot.IsBusy)
            {
                continue;
            }

            GenerationJob? job = null;
            while (job is null && _queue.TryDequeue(out var next))
            {
                Interlocked.Decrement(ref _queued);
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Events.Writer.TryComplete(new OperationCanceledException(next.Cancellation));
                    continue;
                }

                job = next;
            }

            _metrics.SetQueueDepth(Volatile.Read(ref _queued));
            if (job is null)
            {
                return;
            }

            Prefill(slot, job);
        }
    }

    private void Prefill(Slot slot, GenerationJob job)
    {
        var maxTokens = Math.Min(job.MaxTokens, SlotContextSize - job.Prompt.Length);
        slot.Assign(job, new SamplerChain(_context.Model, job.Sampling), maxTokens);
        UpdateBusy();
        _context.RemoveSequence(slot.Sequence);
        var prompt = job.Prompt;
        var output = -1;
        for (var start = 0; start < prompt.Length; start += _context.BatchSize)
        {
            if (job.Cancellation.IsCancellationRequested)
            {
                Finish(slot, new OperationCanceledException(job.Cancellation));
                return;
            }

            _batch.Clear();
            var end = Math.Min(prompt.Length, start + _context.BatchSize);
            for (var i = start; i < end; i++)
            {
                output = _batch.Add(prompt[i], i, slot.Sequence, wantLogits: i == prompt.Length - 1);
            }

            _context.Decode(_batch);
        }

        slot.Position = prompt.Length;
        Accept(slot, slot.Sampler!.Sample(_context, output));
    }

    private void Step()
    {
        _batch.Clear();
        var generating = _slots.Where(s => s.IsBusy).ToList();
        foreach (var slot in generating)
        {
            slot.OutputIndex = _batch.Add(slot.LastToken, slot.Position, slot.Sequence, wantLogits: true);
            slot.Position++;
        }

        _context.Decode(_batch);
        foreach (var slot in generating)
        {
            Accept(slot, slot.Sampler!.Sample(_context, slot.OutputIndex));
        }

        _metrics.TokensGenerated(generating.Count);
    }

    /// <summary>Turns a sampled token into text for the client and decides whether the slot is done.</summary>
    private void Accept(Slot slot, int token)
    {
        var job = slot.Job!;
        var model = _context.Model;
        slot.Sampled++;
        if (slot.Sampled == 1)
        {
            _metrics.FirstToken(_time.GetElapsedTime(job.QueuedAt));
        }

        var eog = model.IsEndOfGeneration(token);
        var text = eog ? string.Empty : slot.Text!.Append(model.TokenBytes(token));
        if (!eog || job.IgnoreEos)
        {
            job.CompletionTokens++;
        }

        FinishReason? finish = (eog && !job.IgnoreEos) || slot.Text!.Stopped ? FinishReason.Stop : slot.Sampled >= slot.MaxTokens ? FinishReason.Length : null;
        if (finish is not null)
        {
            job.Events.Writer.TryWrite(new GenerationEvent(text + slot.Text!.Flush(), finish));
            Finish(slot, null);
            return;
        }

        if (text.Length > 0)
        {
            job.Events.Writer.TryWrite(new GenerationEvent(text, null));
        }

        slot.LastToken = token;
    }

    /// <summary>Frees a slot: its KV cells go, other sequences stay untouched.</summary>
    private void Finish(Slot slot, Exception? error)
    {
        slot.Job?.Events.Writer.TryComplete(error);
        _context.RemoveSequence(slot.Sequence);
        slot.Release();
        UpdateBusy();
    }

    private void UpdateBusy() => _metrics.SetBusySlots(_slots.Count(s => s.IsBusy));
}
