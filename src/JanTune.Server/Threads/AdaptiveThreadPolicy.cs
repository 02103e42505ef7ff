namespace JanTune.Server.Threads;

/// <summary>
/// Decides the inference thread count from CPU load readings. Pure: no clock, no /proc, so it is tested with
/// synthetic readings. ggml threads busy-wait, so threads that share a core with another busy process collapse
/// throughput; the policy therefore sizes to the cores others leave free, never more than configured.
/// </summary>
public sealed class AdaptiveThreadPolicy
{
    private readonly IReadOnlyDictionary<int, double>? _scaling;
    private int _pendingTarget;
    private int _pendingCount;

    /// <param name="mode">The adaptation mode.</param>
    /// <param name="cores">Logical cores of the machine.</param>
    /// <param name="maxThreads">The configured (and highest) thread count.</param>
    /// <param name="scaling">Measured tokens/s per thread count; used to pick the best count that fits.</param>
    /// <param name="competingThreshold">How much of a core others must use before it counts as taken (0..1).</param>
    /// <param name="stableReadings">Consecutive readings that must agree before a switch (avoids flapping).</param>
    public AdaptiveThreadPolicy(ThreadsMode mode, int cores, int maxThreads, IReadOnlyDictionary<int, double>? scaling = null, double competingThreshold = 0.5, int stableReadings = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stableReadings, 1);
        if (competingThreshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(competingThreshold), competingThreshold, "must be between 0 and 1");
        }

        Mode = mode;
        Cores = cores;
        MaxThreads = maxThreads;
        _scaling = scaling is { Count: > 0 } ? scaling : null;
        CompetingThreshold = competingThreshold;
        StableReadings = stableReadings;
        Current = mode == ThreadsMode.PowerSave ? 1 : maxThreads;
    }

    public ThreadsMode Mode { get; }

    public int Cores { get; }

    public int MaxThreads { get; }

    public double CompetingThreshold { get; }

    public int StableReadings { get; }

    /// <summary>The thread count in effect.</summary>
    public int Current { get; private set; }

    /// <summary>Cores other processes use, rounded by the threshold (0.5 = nearest whole core).</summary>
    public int CompetingCores(LoadReading reading)
    {
        var others = Math.Max(0, reading.SystemBusyPercent - reading.OwnPercent) / 100.0 * Cores;
        return Math.Clamp((int)Math.Floor(others + 1 - CompetingThreshold), 0, Cores);
    }

    /// <summary>The count this reading alone asks for.</summary>
    public int Target(LoadReading reading)
    {
        var free = Cores - CompetingCores(reading);
        var allowed = Mode switch
        {
            ThreadsMode.Fixed => MaxThreads,
            ThreadsMode.PowerSave => 1,
            ThreadsMode.Light => Math.Min(free, Cores - 1),
            ThreadsMode.Balanced => free,
            _ => MaxThreads,
        };
        allowed = Math.Clamp(allowed, 1, MaxThreads);
        return Best(allowed);
    }

    /// <summary>
    /// Feeds one reading; returns the new thread count when it should change now, else null. A change needs
    /// <see cref="StableReadings"/> readings in a row asking for the same count.
    /// </summary>
    public int? Observe(LoadReading reading)
    {
        var target = Target(reading);
        if (target == Current)
        {
            _pendingCount = 0;
            return null;
        }

        _pendingCount = target == _pendingTarget ? _pendingCount + 1 : 1;
        _pendingTarget = target;
        if (_pendingCount < StableReadings)
        {
            return null;
        }

        _pendingCount = 0;
        Current = target;
        return target;
    }

    /// <summary>The measured best count at or below <paramref name="allowed"/>; without measurements, all of it.</summary>
    private int Best(int allowed)
    {
        if (_scaling is null)
        {
            return allowed;
        }

        var candidates = _scaling.Where(kv => kv.Key >= 1 && kv.Key <= allowed).ToList();
        if (candidates.Count == 0)
        {
            return allowed;
        }

        // The fewest threads within 2% of the best rate: extra threads that buy nothing only burn power.
        var best = candidates.Max(kv => kv.Value);
        return candidates.Where(kv => kv.Value >= best * 0.98).Min(kv => kv.Key);
    }
}
