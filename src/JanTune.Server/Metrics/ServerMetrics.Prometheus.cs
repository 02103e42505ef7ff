using System.Globalization;
using System.Text;

namespace JanTune.Server.Metrics;

/// <content>The Prometheus text exposition (format 0.0.4).</content>
public sealed partial class ServerMetrics
{
    /// <summary>The content type Prometheus scrapers expect.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string ToPrometheusText()
    {
        var sb = new StringBuilder();
        Gauge(sb, "jantune_generation_tokens_per_second", "Generated tokens per second over the last 10 s, all slots", RecentTokensPerSecond());
        Counter(sb, "jantune_generated_tokens_total", "Tokens generated since start", GeneratedTokens);
        Gauge(sb, "jantune_queue_depth", "Requests waiting for a slot", QueueDepth);
        Gauge(sb, "jantune_busy_slots", "Slots generating or prefilling", BusySlots);
        Gauge(sb, "jantune_threads", "Current inference threads", Threads);
        Counter(sb, "jantune_thread_switches_total", "Adaptive thread count changes", ThreadSwitches);

        sb.Append("# HELP jantune_requests_total HTTP requests by status code\n# TYPE jantune_requests_total counter\n");
        foreach (var (status, count) in _requestsByStatus.OrderBy(kv => kv.Key))
        {
            sb.Append(CultureInfo.InvariantCulture, $"jantune_requests_total{{status=\"{status}\"}} {count}\n");
        }

        sb.Append("# HELP jantune_time_to_first_token_seconds Time from admission to the first generated token\n# TYPE jantune_time_to_first_token_seconds histogram\n");
        long cumulative = 0;
        for (var i = 0; i < TtftBuckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _ttftCounts[i]);
            sb.Append(CultureInfo.InvariantCulture, $"jantune_time_to_first_token_seconds_bucket{{le=\"{TtftBuckets[i]}\"}} {cumulative}\n");
        }

        cumulative += Interlocked.Read(ref _ttftCounts[TtftBuckets.Length]);
        sb.Append(CultureInfo.InvariantCulture, $"jantune_time_to_first_token_seconds_bucket{{le=\"+Inf\"}} {cumulative}\n");
        sb.Append(CultureInfo.InvariantCulture, $"jantune_time_to_first_token_seconds_sum {Interlocked.Read(ref _ttftSumMicros) / 1e6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"jantune_time_to_first_token_seconds_count {Interlocked.Read(ref _ttftCount)}\n");
        return sb.ToString();
    }

    private static void Gauge(StringBuilder sb, string name, string help, double value) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder sb, string name, string help, long value) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
