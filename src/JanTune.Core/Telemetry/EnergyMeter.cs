using System.Globalization;
using JanTune.Native.Nvml;

namespace JanTune.Core.Telemetry;

/// <summary>
/// Reads the GPU (NVML) and CPU package (RAPL) energy counters exactly at the edges of each timed region, so energy
/// per token covers the timed tokens and nothing else (no warmup, no depth fill). The 100 ms telemetry sampler cannot
/// do that: its window spans the whole trial.
/// </summary>
public sealed class EnergyMeter : IDisposable
{
    /// <summary>
    /// NVML documents no update rate for nvmlDeviceGetTotalEnergyConsumption; it follows the power sensor, which
    /// datacenter boards refresh about every 100 ms (nvidia-smi's power.draw.average window), so that is assumed.
    /// </summary>
    public static readonly TimeSpan NvmlUpdatePeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Intel documents the RAPL energy status register as updated about every millisecond.</summary>
    public static readonly TimeSpan RaplUpdatePeriod = TimeSpan.FromMilliseconds(1);

    private readonly NvmlSession? _nvml;
    private readonly string? _nvmlReason;
    private readonly RaplCounter? _rapl;
    private readonly string? _raplReason;
    private readonly EnergyCounter[] _gpus;
    private readonly EnergyCounter? _cpu;
    private readonly TimeProvider _time;
    private ulong?[] _gpuStart = [];
    private ulong? _cpuStart;
    private long _started;
    private int _regions;
    private TimeSpan _timed;

    private EnergyMeter(TimeProvider time, string raplZone)
    {
        _time = time;
        _nvml = NvmlSession.TryOpen(out var nvmlReason);
        _nvmlReason = nvmlReason is null ? null : $"NVML: {nvmlReason}";
        _gpus = Enumerable.Range(0, _nvml?.Names.Count ?? 0)
            .Select(i => new EnergyCounter(string.Create(CultureInfo.InvariantCulture, $"NVML GPU {i}"), 1e-3, 0, NvmlUpdatePeriod))
            .ToArray();
        _rapl = RaplCounter.TryOpen(raplZone, out _raplReason);
        _cpu = _rapl is null ? null : new EnergyCounter("RAPL", 1e-6, _rapl.MaxRangeMicroJoules, RaplUpdatePeriod);
    }

    /// <summary>Opens whatever counters this machine has; missing ones are reported by <see cref="Read"/>.</summary>
    public static EnergyMeter Open(TimeProvider? time = null, string raplZone = RaplCounter.Zone) => new(time ?? TimeProvider.System, raplZone);

    /// <summary>Reads every counter: the start of a timed region.</summary>
    public void Begin()
    {
        _gpuStart = _gpus.Select((_, i) => _nvml!.Read(i).EnergyMilliJoules).ToArray();
        _cpuStart = _rapl?.Read();
        _started = _time.GetTimestamp();
    }

    /// <summary>Reads every counter again: the end of the region begun by <see cref="Begin"/>.</summary>
    public void End()
    {
        var duration = _time.GetElapsedTime(_started);
        for (var i = 0; i < _gpus.Length; i++)
        {
            _gpus[i].Add(_gpuStart[i], _nvml!.Read(i).EnergyMilliJoules, duration);
        }

        _cpu?.Add(_cpuStart, _rapl!.Read(), duration);
        _regions++;
        _timed += duration;
    }

    /// <summary>Energy over every region so far.</summary>
    public EnergyReading Read()
    {
        Reading<double> gpu;
        if (_gpus.Length == 0)
        {
            gpu = Reading.Unavailable<double>(_nvmlReason ?? "NVML: no GPUs");
        }
        else
        {
            var each = _gpus.Select(g => g.Joules()).ToList();
            // A total over some GPUs would understate the whole; report the first gap instead.
            gpu = each.FirstOrDefault(r => !r.IsAvailable) ?? Reading.Of(each.Sum(r => r.Value!.Value));
        }

        var cpu = _cpu?.Joules() ?? Reading.Unavailable<double>(_raplReason ?? "RAPL: not present");
        return new EnergyReading(gpu, cpu, _timed, _regions);
    }

    public void Dispose() => _nvml?.Dispose();
}
