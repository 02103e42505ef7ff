using JanTune.Server.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace JanTune.Server.Security;

/// <summary>
/// DNS-rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 still sends
/// <c>Host: evil.example:1337</c>, so only loopback names with the bound port (plus configured hosts) get through.
/// </summary>
internal sealed class HostFilterMiddleware(RequestDelegate next, IServer server, IReadOnlyList<string> extraHosts, string bindHost)
{
    private HashSet<string>? _allowed;

    public Task InvokeAsync(HttpContext http)
    {
        var allowed = _allowed ??= Build();
        var host = http.Request.Headers.Host.ToString();
        if (host.Length == 0 || !allowed.Contains(host))
        {
            return ApiErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "the Host header is not allowed (DNS-rebinding protection); add it with --allowed-host", "invalid_request_error", "host_not_allowed");
        }

        return next(http);
    }

    private HashSet<string> Build()
    {
        var ports = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("*", "localhost", StringComparison.Ordinal)).Port)
            .Distinct()
            .ToList() ?? [];
        var names = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (bindHost is not ("0.0.0.0" or "::" or "[::]"))
        {
            names.Add(bindHost.Contains(':', StringComparison.Ordinal) && !bindHost.StartsWith('[') ? $"[{bindHost}]" : bindHost);
        }

        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extra in extraHosts.Where(HasPort))
        {
            set.Add(extra);
        }

        foreach (var name in names.Concat(extraHosts.Where(h => !HasPort(h))))
        {
            foreach (var port in ports)
            {
                set.Add($"{name}:{port}");
                if (port == 80)
                {
                    set.Add(name);
                }
            }
        }

        return set;
    }

    /// <summary>"name:1234" or "[::1]:1234", not a bare IPv6 literal.</summary>
    private static bool HasPort(string host) => host.LastIndexOf(':') is var i and > 0 && host[(i + 1)..].All(char.IsAsciiDigit) && (host[0] != '[' || host[i - 1] == ']');
}
