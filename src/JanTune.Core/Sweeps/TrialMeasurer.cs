using System.Diagnostics;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Measures one test on a context (of either engine: <see cref="IDecodeContext"/>) the way llama-bench does. pp N: one prompt of N random tokens from an empty cache,
/// decoded in n_batch chunks. tg N: N single-token decodes, each synchronized, after filling the cache to the test's
/// depth (untimed). Warmups use the same shapes (a GPU backend compiles pipelines per shape on first use). Our
/// Stopwatch times decode + synchronize; llama.cpp's perf counters are read around the same regions for comparison,
/// and an optional <see cref="ITimedRegionListener"/> is told where each timed region starts and stops.
/// </summary>
public static class TrialMeasurer
{
    /// <summary>Generation warmups are this many single-token decodes at the test's depth.</summary>
    public const int GenerationWarmupTokens = 8;

    public static TrialMeasurement Measure(IDecodeContext context, TrialTest test, int repetitions, int warmup, RandomTokens tokens, CancellationToken cancellationToken = default, ITimedRegionListener? listener = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (test.Depth + test.Tokens > context.ContextSize)
        {
            throw new JanTuneException($"{test.Name} needs {test.Depth + test.Tokens} context positions but the context has {context.ContextSize}", "raise ctx in tune.json");
        }

        var measurements = new List<Measurement>();
        for (var i = 1; i <= warmup; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = test.Kind == TestKind.Prompt ? test.Tokens : Math.Min(test.Tokens, GenerationWarmupTokens);
            measurements.Add(RunOnce(context, test, n, tokens, null, out _) with { Kind = MeasurementKind.Warmup, Index = i });
        }

        double ttftMs = 0;
        for (var i = 1; i <= repetitions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            measurements.Add(RunOnce(context, test, test.Tokens, tokens, listener, out var firstMs) with { Index = i });
            ttftMs += firstMs;
        }

        return new TrialMeasurement(
            measurements,
            TrialMeasurement.LlamaAverage(measurements),
            test.Kind == TestKind.Prompt ? ttftMs / repetitions : null,
            (long)test.Tokens * repetitions);
    }

    /// <summary>
    /// One repetition, as an actual measurement with llama.cpp's count and time for the same region; (prompt tests)
    /// the time to first token comes back beside it.
    /// </summary>
    private static Measurement RunOnce(IDecodeContext context, TrialTest test, int n, RandomTokens tokens, ITimedRegionListener? listener, out double firstMs)
    {
        context.ClearMemory();
        if (test.Depth > 0)
        {
            context.DecodeTokens(tokens.Next(test.Depth));
        }

        var input = tokens.Next(n);
        // Resetting here (it synchronizes, so the depth fill is settled) makes llama.cpp's counters hold exactly this
        // region. Differences of two reads would not: llama_perf_context reports max(1, n), so a zero base reads as 1.
        context.ResetPerf();
        listener?.Begin();
        var start = Stopwatch.GetTimestamp();
        firstMs = 0;
        TimeSpan elapsed;
        if (test.Kind == TestKind.Prompt)
        {
            context.DecodeTokens(input);
            context.Synchronize();
            elapsed = Stopwatch.GetElapsedTime(start);
            listener?.End(n);
            var pick = Stopwatch.GetTimestamp();
            _ = ArgMax(context.Logits());
            firstMs = (elapsed + Stopwatch.GetElapsedTime(pick)).TotalMilliseconds;
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                context.DecodeTokens(input.AsSpan(i, 1));
                context.Synchronize();
            }

            elapsed = Stopwatch.GetElapsedTime(start);
            listener?.End(n);
        }

        var after = context.ReadPerf();
        var prompt = test.Kind == TestKind.Prompt;
        return new Measurement(MeasurementKind.Actual, 0, n, (long)(elapsed.TotalMilliseconds * 1e6))
        {
            // llama.cpp counts a multi-token batch as prompt eval and a single-token one as eval, as llama-bench's tests do.
            LlamaTokens = prompt ? after.PromptTokens : after.EvalTokens,
            LlamaMs = prompt ? after.PromptMs : after.EvalMs,
        };
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
