namespace JanTune.Core.Telemetry;

/// <summary>
/// Samples process memory, system CPU, GPUs (NVML) and CPU package energy (RAPL) on a background loop beside a
/// measurement. Start it, run the measurement, then <see cref="StopAsync"/> for the <see cref="TelemetrySummary"/>.
/// Sources that are missing are reported with their reason; the sampler itself never fails because of them.
/// </summary>
public sealed class TelemetrySampler : IAsyncDisposable
{
    private readonly TelemetryReaders _readers;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly List<TelemetrySample> _samples = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _loop;
    private TelemetrySummary? _summary;

    private TelemetrySampler(TelemetryReaders readers, TimeSpan interval, bool background, TimeProvider time)
    {
        _readers = readers;
        _time = time;
        _started = time.GetTimestamp();
        Take();
        _loop = background ? Task.Run(() => LoopAsync(interval, _stop.Token)) : null;
    }

    /// <summary>The most recent sample (one is taken at start, so never null once started).</summary>
    public TelemetrySample Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples[^1];
            }
        }
    }

    /// <summary>Each source and whether it is available, with the reason when not.</summary>
    public IReadOnlyList<TelemetrySource> Sources => _readers.Sources;

    /// <summary>Starts sampling now: one sample immediately, then one per <see cref="TelemetryOptions.Interval"/>.</summary>
    public static TelemetrySampler Start(TelemetryOptions? options = null, TimeProvider? time = null)
    {
        options ??= new TelemetryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        var readers = new TelemetryReaders(options.ProcessId ?? Environment.ProcessId);
        return new TelemetrySampler(readers, options.Interval, options.Background, time ?? TimeProvider.System);
    }

    /// <summary>Takes one sample now (a sampler without a background loop is sampled only through this).</summary>
    public void Mark()
    {
        if (_summary is null)
        {
            Take();
        }
    }

    /// <summary>Which telemetry sources work on this machine, without sampling.</summary>
    public static IReadOnlyList<TelemetrySource> ProbeSources()
    {
        using var readers = new TelemetryReaders(Environment.ProcessId);
        return readers.Sources;
    }

    /// <summary>A copy of the samples so far.</summary>
    public IReadOnlyList<TelemetrySample> Snapshot()
    {
        lock (_gate)
        {
            return [.. _samples];
        }
    }

    /// <summary>Stops the loop, takes a closing sample so the window ends now, and summarizes. Idempotent.</summary>
    public async Task<TelemetrySummary> StopAsync()
    {
        if (_summary is not null)
        {
            return _summary;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        Take();
        var window = new TelemetryWindow(
            _readers.GpuNames, _readers.GpuReason, _readers.RaplReason, _readers.RaplMaxRange,
            _readers.RssReason, _readers.CpuReason, _readers.ReadPeakRss(), _readers.Sources);
        _summary = TelemetrySummarizer.Summarize(Snapshot(), window);
        _readers.Dispose();
        _stop.Dispose();
        return _summary;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task LoopAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                Take();
            }
        }
        catch (OperationCanceledException)
        {
            // Stop was requested; the closing sample is taken by StopAsync.
        }
    }

    private void Take()
    {
        // Under the lock: the readers keep state between samples, and Mark may race the background loop.
        lock (_gate)
        {
            _samples.Add(_readers.Sample(_time.GetElapsedTime(_started)));
        }
    }
}
