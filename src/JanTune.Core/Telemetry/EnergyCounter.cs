using System.Globalization;

namespace JanTune.Core.Telemetry;

/// <summary>
/// One cumulative energy counter read at the start and end of every timed region, reduced to joules over those
/// regions only. A counter that did not move, or regions too short for how often the counter updates, give an
/// unavailable reading with the reason: never 0 J, never a number that is mostly quantization.
/// </summary>
internal sealed class EnergyCounter
{
    /// <summary>Largest tolerated quantization error, as a share of the energy: regions × period ≤ this × timed time.</summary>
    public const double MaxQuantizationShare = 0.10;

    private readonly List<(ulong Start, ulong End)> _regions = [];
    private int _failedReads;
    private readonly double _joulesPerUnit;
    private readonly ulong _wrapRange;
    private readonly TimeSpan _updatePeriod;
    private TimeSpan _timed;

    /// <param name="name">Source and device, for example <c>NVML GPU 0</c> or <c>RAPL</c>.</param>
    /// <param name="joulesPerUnit">NVML counts millijoules, RAPL microjoules.</param>
    /// <param name="wrapRange">The value at which the counter wraps to zero; 0 when it does not wrap.</param>
    /// <param name="updatePeriod">How often the counter advances: each region's reading can be off by up to one period of energy.</param>
    public EnergyCounter(string name, double joulesPerUnit, ulong wrapRange, TimeSpan updatePeriod)
    {
        Name = name;
        _joulesPerUnit = joulesPerUnit;
        _wrapRange = wrapRange;
        _updatePeriod = updatePeriod;
    }

    public string Name { get; }

    /// <summary>Adds one timed region's readings; a null means the read failed.</summary>
    public void Add(ulong? start, ulong? end, TimeSpan duration)
    {
        _timed += duration;
        if (start is { } s && end is { } e)
        {
            _regions.Add((s, e));
        }
        else
        {
            _failedReads++;
        }
    }

    /// <summary>Joules over the timed regions, or why there is no trustworthy figure.</summary>
    public Reading<double> Joules()
    {
        var regions = _regions.Count + _failedReads;
        if (regions == 0)
        {
            return Reading.Unavailable<double>($"{Name}: no timed region was read");
        }

        if (_failedReads > 0)
        {
            return Reading.Unavailable<double>(Text($"{Name}: counter read failed in {_failedReads} of {regions} timed regions"));
        }

        var needed = TimeSpan.FromTicks((long)(regions * _updatePeriod.Ticks / MaxQuantizationShare));
        if (_timed < needed)
        {
            return Reading.Unavailable<double>(Text(
                $"{Name}: {regions} timed regions of {_timed.TotalSeconds:0.###} s in all are too short for a counter that advances about every {_updatePeriod.TotalMilliseconds:0.#} ms (needs at least {needed.TotalSeconds:0.###} s; add repetitions or tokens)"));
        }

        var units = _regions.Sum(r => (double)Increase(r.Start, r.End));
        return units > 0
            ? Reading.Of(units * _joulesPerUnit)
            : Reading.Unavailable<double>(Text($"{Name}: counter did not move over {_timed.TotalSeconds:0.###} s of timed regions"));
    }

    private ulong Increase(ulong start, ulong end) => end >= start ? end - start : _wrapRange >= start ? _wrapRange - start + end : end;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
