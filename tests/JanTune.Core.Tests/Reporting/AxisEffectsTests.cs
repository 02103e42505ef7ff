using JanTune.Core.Reporting;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Tests.Reporting;

public sealed class AxisEffectsTests
{
    [Fact]
    public void Rank_RepackAndThreads_RatioOfMeansOverMatchedPairsStrongestFirst()
    {
        // Given repack on/off x threads 1/2, pp512 and tg128 (tokens/s):
        //   pp512  on: t1 100, t2 190   off: t1 40, t2 80
        //   tg128  on: t1  20, t2  30   off: t1 16, t2 25
        var trials = new[]
        {
            Trial(true, 1, TrialTest.Pp512, 100), Trial(true, 2, TrialTest.Pp512, 190), Trial(false, 1, TrialTest.Pp512, 40), Trial(false, 2, TrialTest.Pp512, 80),
            Trial(true, 1, TrialTest.Tg128, 20), Trial(true, 2, TrialTest.Tg128, 30), Trial(false, 1, TrialTest.Tg128, 16), Trial(false, 2, TrialTest.Tg128, 25),
        };

        // When ranked
        var effects = AxisEffects.Rank(trials);

        // Then, by hand: repack pp512 = ((100+190)/2) / ((40+80)/2) = 145/60, per pair 2.375 and 2.5;
        // threads pp512 = ((190+80)/2) / ((100+40)/2) = 135/70, per pair 1.9 and 2.0;
        // threads tg128 = (30+25)/(20+16) = 55/36, per pair 1.5 and 1.5625; repack tg128 = (20+30)/(16+25) = 50/41
        Assert.Equal(4, effects.Count);
        Expect(effects[0], "weight repack", TrialTest.Pp512, "on", "off", 145.0 / 60, 2, 2.375, 2.5);
        Expect(effects[1], "threads", TrialTest.Pp512, "2", "1", 135.0 / 70, 2, 1.9, 2.0);
        Expect(effects[2], "threads", TrialTest.Tg128, "2", "1", 55.0 / 36, 2, 1.5, 1.5625);
        Expect(effects[3], "weight repack", TrialTest.Tg128, "on", "off", 50.0 / 41, 2, 1.2, 1.25);
        Assert.All(effects, e => Assert.True(e.TooFewPairs)); // two pairs each: fewer than MinPairs (3)
        Assert.All(effects, e => Assert.False(e.Inconsistent));
    }

    [Fact]
    public void Rank_ExtremeValueOnOnePair_PrefersTheDifferenceWithEnoughPairs()
    {
        // Given threads 1/2 at n_ubatch 256, 512, 1024 (t1 100, 110, 120; t2 150, 165, 180) and threads 4 only at 512 (330)
        var trials = new List<TrialResult>();
        foreach (var (ub, t1) in new[] { (256, 100.0), (512, 110.0), (1024, 120.0) })
        {
            trials.Add(Trial(true, 1, TrialTest.Pp512, t1, ub));
            trials.Add(Trial(true, 2, TrialTest.Pp512, t1 * 1.5, ub));
        }

        trials.Add(Trial(true, 4, TrialTest.Pp512, 330, 512));

        // When ranked
        var effects = AxisEffects.Rank(trials);

        // Then threads is 2 vs 1 over 3 pairs: (150+165+180)/(100+110+120) = 1.5 (4 vs 1 is 3.0 but rests on one pair),
        // and n_ubatch is 1024 vs 256: (120+180)/(100+150) = 1.2 over 2 pairs, flagged
        var threads = effects.Single(e => e.Axis == "threads");
        Expect(threads, "threads", TrialTest.Pp512, "2", "1", 1.5, 3, 1.5, 1.5);
        Assert.False(threads.TooFewPairs);
        var ubatch = effects.Single(e => e.Axis == "n_ubatch");
        Expect(ubatch, "n_ubatch", TrialTest.Pp512, "1024", "256", 1.2, 2, 1.2, 1.2);
        Assert.True(ubatch.TooFewPairs);
        Assert.Equal(["threads", "n_ubatch"], effects.Select(e => e.Axis));
    }

    [Fact]
    public void Rank_NothingVaried_NoEffects()
    {
        Assert.Empty(AxisEffects.Rank([Trial(true, 1, TrialTest.Pp512, 100), Trial(true, 1, TrialTest.Tg128, 20)]));
    }

    [Fact]
    public void Rank_PairsDisagree_FlaggedInconsistent()
    {
        // Given repack faster at 1 thread (100 vs 50) and slower at 2 (80 vs 90): ratio (100+80)/(50+90) = 180/140
        var effects = AxisEffects.Rank([Trial(true, 1, TrialTest.Pp512, 100), Trial(false, 1, TrialTest.Pp512, 50), Trial(true, 2, TrialTest.Pp512, 80), Trial(false, 2, TrialTest.Pp512, 90)]);
        var repack = effects.Single(e => e.Axis == "weight repack");
        Expect(repack, "weight repack", TrialTest.Pp512, "on", "off", 180.0 / 140, 2, 80.0 / 90, 2.0);
        Assert.True(repack.Inconsistent);
    }

    [Fact]
    public void Rank_NoisyTrialInAPair_CountsTheNoisyPair()
    {
        // Given repack on/off at threads 1 and 2, one of the four trials with sd at 20% of its mean (over the 10% limit)
        var noisy = Trial(false, 2, TrialTest.Pp512, 80) is var t ? t with { Stats = t.Stats! with { StdDev = 16 } } : null!;
        var effects = AxisEffects.Rank([Trial(true, 1, TrialTest.Pp512, 100), Trial(false, 1, TrialTest.Pp512, 40), Trial(true, 2, TrialTest.Pp512, 190), noisy]);

        // Then the repack effect says one of its two pairs rests on it; threads too (1 vs 2 without repack holds it)
        Assert.Equal(1, effects.Single(e => e.Axis == "weight repack").NoisyPairs);
        Assert.Equal(1, effects.Single(e => e.Axis == "threads").NoisyPairs);
    }

    private static void Expect(AxisEffect e, string axis, TrialTest test, string faster, string slower, double ratio, int pairs, double min, double max)
    {
        Assert.Equal((axis, test, faster, slower, pairs), (e.Axis, e.Test, e.Faster, e.Slower, e.Pairs));
        Assert.Equal(ratio, e.Ratio, 9);
        Assert.Equal(min, e.MinPairRatio, 9);
        Assert.Equal(max, e.MaxPairRatio, 9);
    }

    private static TrialResult Trial(bool repack, int threads, TrialTest test, double mean, int ubatch = 512) => new()
    {
        TrialId = $"t-{repack}-{threads}-{ubatch}-{test.Name}",
        ProfileId = "p",
        LlamaBuild = "b1",
        Config = new TrialConfig { Backend = "cpu", ModelPath = "models/1b-q4_0.gguf", Quant = "q4_0", Threads = threads, WeightRepack = repack, UBatchSize = ubatch },
        Test = test,
        Status = TrialStatus.Ok,
        Stats = new SampleStatistics(3, mean, mean * 0.01, mean, mean * 0.99, mean * 1.01, mean * 0.98, mean * 1.02, 0.95, 0),
    };
}
