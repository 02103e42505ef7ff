using System.Text;
using Prometheus;

namespace JanTune.Server.Metrics;

/// <content>The Prometheus text exposition (format 0.0.4), written by prometheus-net.</content>
public sealed partial class ServerMetrics
{
    /// <summary>The content type Prometheus scrapers expect.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task<string> ToPrometheusTextAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
