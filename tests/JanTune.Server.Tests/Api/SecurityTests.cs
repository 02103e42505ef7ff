using System.Net;
using System.Net.Sockets;
using System.Text;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

/// <summary>The failures Ollama, Jan and llama-server had: DNS rebinding, reflected CORS, missing auth, huge bodies.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData("evil.example:{port}")]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1:1")]
    [InlineData("")]
    public async Task AnyEndpoint_ForeignOrEmptyHost_Returns403(string host)
    {
        await using var server = await TestServer.StartAsync();
        var port = server.BaseAddress.Port;

        var (status, body) = await RawGetAsync(port, "/v1/models", host.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(403, status);
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task AnyEndpoint_LoopbackHostWithPort_IsServed(string host)
    {
        await using var server = await TestServer.StartAsync();
        var port = server.BaseAddress.Port;

        var (status, _) = await RawGetAsync(port, "/health", host.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Cors_ArbitraryOrigin_IsNotReflected()
    {
        await using var server = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflight = await server.Client.SendAsync(request);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        get.Headers.Add("Origin", "https://evil.example");
        using var response = await server.Client.SendAsync(get);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_IsAllowed()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { AllowedOrigins = ["http://app.local:3000"] }));
        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        get.Headers.Add("Origin", "http://app.local:3000");
        using var response = await server.Client.SendAsync(get);

        Assert.Equal("http://app.local:3000", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer secret-key-extra")]
    [InlineData("Basic c2VjcmV0LWtleQ==")]
    public async Task ApiKey_MissingOrWrong_Returns401(string? authorization)
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { ApiKey = "secret-key" }));
        server.Client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":2}""", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Client.SendAsync(request);

        var error = await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ApiKey_Correct_IsServed()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { ApiKey = "secret-key" }));

        using var response = await server.PostJsonAsync("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_JansXApiKeyHeader_IsServed()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { ApiKey = "secret-key" }));
        server.Client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Api-Key", "secret-key");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsInOneLineNamingTheListenerAndSuggestingPort()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<Core.JanTuneException>(() => TestServer.StartAsync(TestServer.With(o => o with { Port = port }), () => throw new InvalidOperationException("never loaded"), waitForModel: false));

        Assert.StartsWith($"port {port} on 127.0.0.1 is already in use", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains($"by pid {Environment.ProcessId} (", ex.Message, StringComparison.Ordinal);
        }

        Assert.Contains($"--port {port + 1}", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Returns413()
    {
        await using var server = await TestServer.StartAsync();
        var big = new string('a', (1 << 20) + 10);

        using var response = await server.PostJsonAsync("/v1/chat/completions", $$"""{"messages":[{"role":"user","content":"{{big}}"}]}""");

        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>A hand-written HTTP/1.1 request, so the Host header is exactly what the test says (HttpClient rewrites it).</summary>
    private static async Task<(int Status, string Body)> RawGetAsync(int port, string path, string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
