using System.Diagnostics;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Measures one test on a context the way llama-bench does. pp N: one prompt of N random tokens from an empty cache,
/// decoded in n_batch chunks. tg N: N single-token decodes, each synchronized, after filling the cache to the test's
/// depth (untimed). Warmups use the same shapes (a GPU backend compiles pipelines per shape on first use). Our
/// Stopwatch times decode + synchronize; llama.cpp's perf counters are read around the same regions for comparison.
/// </summary>
public static class TrialMeasurer
{
    /// <summary>Generation warmups are this many single-token decodes at the test's depth.</summary>
    public const int GenerationWarmupTokens = 8;

    public static TrialMeasurement Measure(LlamaContext context, TrialTest test, int repetitions, int warmup, RandomTokens tokens, CancellationToken cancellationToken = default)
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
        long decoded = 0;
        for (var i = 1; i <= warmup; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = test.Kind == TestKind.Prompt ? test.Tokens : Math.Min(test.Tokens, GenerationWarmupTokens);
            var (ns, _, _) = RunOnce(context, test, n, tokens, ref decoded);
            measurements.Add(new Measurement(MeasurementKind.Warmup, i, n, ns));
        }

        context.ResetPerf();
        double perfMs = 0;
        double ttftMs = 0;
        for (var i = 1; i <= repetitions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ns, rep, firstMs) = RunOnce(context, test, test.Tokens, tokens, ref decoded);
            measurements.Add(new Measurement(MeasurementKind.Actual, i, test.Tokens, ns));
            perfMs += rep;
            ttftMs += firstMs;
        }

        var total = (long)test.Tokens * repetitions;
        return new TrialMeasurement(
            measurements,
            perfMs > 0 ? total * 1000.0 / perfMs : null,
            test.Kind == TestKind.Prompt ? ttftMs / repetitions : null,
            decoded);
    }

    /// <summary>One repetition: returns wall nanoseconds, llama.cpp's milliseconds for the same region, and (prompt tests) time to first token.</summary>
    private static (long Nanoseconds, double PerfMs, double FirstTokenMs) RunOnce(LlamaContext context, TrialTest test, int n, RandomTokens tokens, ref long decoded)
    {
        context.ClearMemory();
        if (test.Depth > 0)
        {
            context.DecodeTokens(tokens.Next(test.Depth));
            decoded += test.Depth;
        }

        var input = tokens.Next(n);
        var before = context.ReadPerf(); // synchronizes, so the depth fill is settled and outside the timed region
        var start = Stopwatch.GetTimestamp();
        double firstMs = 0;
        TimeSpan elapsed;
        if (test.Kind == TestKind.Prompt)
        {
            context.DecodeTokens(input);
            context.Synchronize();
            elapsed = Stopwatch.GetElapsedTime(start);
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
        }

        var after = context.ReadPerf();
        decoded += n;
        var perfMs = test.Kind == TestKind.Prompt ? after.PromptMs - before.PromptMs : after.EvalMs - before.EvalMs;
        return ((long)(elapsed.TotalMilliseconds * 1e6), perfMs, firstMs);
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
