using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>
/// The measured effect of every axis that varied in a sweep, ranked: for each axis and test, trials are paired by
/// everything else in their configuration (<see cref="TrialConfig.Key"/> with the axis blanked, so an axis added to
/// the configuration later still keeps pairs apart), and the effect is the ratio of means between the two values
/// of the axis that differ most.
/// </summary>
public static class AxisEffects
{
    /// <summary>Pairs an effect needs before the report states it without a warning.</summary>
    public const int MinPairs = 3;

    private const string Blank = "\u0000*";

    private static readonly (string Name, Func<TrialConfig, string> Value, Func<TrialConfig, TrialConfig> Without)[] Axes =
    [
        ("backend", c => c.Backend, c => c with { Backend = Blank }),
        ("model", ModelName, c => c with { ModelPath = Blank + c.Quant }),
        ("quantization", c => c.Quant, c => c with { ModelPath = ModelName(c), Quant = Blank }),
        ("GPU layers", c => Int(c.GpuLayers), c => c with { GpuLayers = int.MinValue }),
        ("threads", c => Int(c.Threads), c => c with { Threads = int.MinValue }),
        ("prompt threads", c => c.ThreadsBatch == 0 ? "as threads" : Int(c.ThreadsBatch), c => c with { ThreadsBatch = int.MinValue }),
        ("n_batch", c => Int(c.BatchSize), c => c with { BatchSize = int.MinValue }),
        ("n_ubatch", c => Int(c.UBatchSize), c => c with { UBatchSize = int.MinValue }),
        ("context", c => Int(c.ContextSize), c => c with { ContextSize = int.MinValue }),
        ("flash attention", c => c.FlashAttention.ToString().ToLowerInvariant(), c => c with { FlashAttention = (Inference.FlashAttention)(-1) }),
        ("KV cache type", c => c.CacheType.ToString().ToLowerInvariant() + (c.EffectiveCacheTypeV == c.CacheType ? string.Empty : "/" + c.EffectiveCacheTypeV.ToString().ToLowerInvariant()), c => c with { CacheType = (Gguf.GgmlType)(-1), CacheTypeV = null }),
        ("weight repack", c => c.WeightRepack ? "on" : "off", c => c with { WeightRepack = true }),
        ("mmap", c => c.UseMmap ? "on" : "off", c => c with { UseMmap = true }),
        ("multi-GPU split", c => c.SplitText, c => c with { SplitMode = Inference.SplitMode.Layer, TensorSplit = Blank }),
    ];

    /// <summary>One effect per axis and test where the axis took at least two values, strongest first.</summary>
    public static IReadOnlyList<AxisEffect> Rank(IEnumerable<TrialResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var measured = results.Where(r => r.Status == TrialStatus.Ok && r.Stats is not null).ToList();
        var effects = new List<AxisEffect>();
        foreach (var test in measured.Select(r => r.Test).Distinct())
        {
            var trials = measured.Where(r => r.Test == test).ToList();
            foreach (var (name, value, without) in Axes)
            {
                if (Measure(name, test, trials, value, without) is { } effect)
                {
                    effects.Add(effect);
                }
            }
        }

        return effects.OrderByDescending(e => e.Ratio).ThenBy(e => e.Axis, StringComparer.Ordinal).ThenBy(e => e.Test.Name, StringComparer.Ordinal).ToList();
    }

    private static AxisEffect? Measure(string axis, TrialTest test, IReadOnlyList<TrialResult> trials, Func<TrialConfig, string> value, Func<TrialConfig, TrialConfig> without)
    {
        var values = trials.Select(r => value(r.Config)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (values.Count < 2)
        {
            return null;
        }

        // Every other setting equal: one group per configuration without this axis, its mean per axis value (a
        // configuration measured twice counts once, with the mean of its trials).
        var groups = trials.GroupBy(r => without(r.Config).Key, StringComparer.Ordinal)
            .Select(g => g.GroupBy(r => value(r.Config), StringComparer.Ordinal)
                .ToDictionary(v => v.Key, v => (Mean: v.Average(r => r.Stats!.Mean), Noisy: v.Any(r => !r.Stats!.IsRankable)), StringComparer.Ordinal))
            .Where(g => g.Count >= 2)
            .ToList();
        var candidates = new List<AxisEffect>();
        foreach (var a in values)
        {
            foreach (var b in values.Where(b => b != a))
            {
                var matched = groups.Where(g => g.ContainsKey(a) && g.ContainsKey(b)).ToList();
                if (matched.Count == 0)
                {
                    continue;
                }

                var ratio = matched.Average(g => g[a].Mean) / matched.Average(g => g[b].Mean);
                if (ratio >= 1)
                {
                    var perPair = matched.Select(g => g[a].Mean / g[b].Mean).ToList();
                    candidates.Add(new AxisEffect(axis, test, a, b, ratio, matched.Count, perPair.Min(), perPair.Max())
                    {
                        NoisyPairs = matched.Count(g => g[a].Noisy || g[b].Noisy),
                    });
                }
            }
        }

        // The strongest difference that rests on enough pairs; the strongest of all only when none does.
        var solid = candidates.Where(c => !c.TooFewPairs).ToList();
        return (solid.Count > 0 ? solid : candidates).OrderByDescending(c => c.Ratio).ThenByDescending(c => c.Pairs).ThenBy(c => c.Faster, StringComparer.Ordinal).FirstOrDefault();
    }

    private static string ModelName(TrialConfig c)
    {
        var stem = Path.GetFileNameWithoutExtension(c.ModelPath);
        var suffix = "-" + c.Quant;
        return stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? stem[..^suffix.Length] : stem;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
