using JanTune.Server.Metrics;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Threads;

/// <summary>
/// Once a second: reads the CPU load, asks the <see cref="AdaptiveThreadPolicy"/>, and hands a changed count to
/// whoever applies it (the scheduler, between steps). Every switch is logged and counted in /metrics.
/// </summary>
internal sealed class ThreadGovernor : IDisposable
{
    private readonly AdaptiveThreadPolicy _policy;
    private readonly Func<LoadReading?> _read;
    private readonly Action<int> _apply;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();

    // read: where readings come from; /proc by default, synthetic ones in tests.
    public ThreadGovernor(AdaptiveThreadPolicy policy, Action<int> apply, ServerMetrics metrics, ILogger logger, TimeProvider time, Func<LoadReading?>? read = null)
    {
        _policy = policy;
        _read = read ?? new CpuLoadMonitor(time).Read;
        _apply = apply;
        _metrics = metrics;
        _logger = logger;
        _read();
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>One observation; the timer calls it every second.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            if (_read() is not { } reading)
            {
                return;
            }

            var before = _policy.Current;
            if (_policy.Observe(reading) is { } threads)
            {
                _logger.LogInformation(
                    "threads {Before} -> {After} ({Mode}: system {System:F0}% busy, this process {Own:F0}%, {Competing} core(s) taken by others)",
                    before, threads, _policy.Mode, reading.SystemBusyPercent, reading.OwnPercent, _policy.CompetingCores(reading));
                _apply(threads);
                _metrics.ThreadSwitched(threads);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
