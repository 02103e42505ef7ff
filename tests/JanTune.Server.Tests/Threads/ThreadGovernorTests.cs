using JanTune.Server.Metrics;
using JanTune.Server.Threads;
using Microsoft.Extensions.Logging.Abstractions;

namespace JanTune.Server.Tests.Threads;

public sealed class ThreadGovernorTests
{
    [Fact]
    public async Task Tick_CompetingLoadThenIdle_AppliesSwitchesAndCountsThemInMetrics()
    {
        var readings = new Queue<LoadReading?>([null, new(75, 0), new(75, 0), new(50, 50), new(10, 10), new(10, 10)]);
        var applied = new List<int>();
        var metrics = new ServerMetrics(TimeProvider.System);
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 4, maxThreads: 4);
        using var governor = new ThreadGovernor(policy, applied.Add, metrics, NullLogger.Instance, TimeProvider.System, () => readings.Dequeue());

        for (var i = 0; i < 5; i++)
        {
            governor.Tick();
        }

        Assert.Equal([1, 4], applied);
        Assert.Equal(2, metrics.ThreadSwitches);
        Assert.Equal(4, metrics.Threads);
        Assert.Contains("jantune_thread_switches_total 2", await metrics.ToPrometheusTextAsync(), StringComparison.Ordinal);
    }
}
