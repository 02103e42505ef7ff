using System.Net;
using System.Text.RegularExpressions;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Scheduling;

/// <summary>Continuous batching must not lose, mix or alter anyone's tokens; cancelled clients must free their slot.</summary>
public sealed partial class ConcurrencyTests
{
    private static string Body(int seed, bool stream, int maxTokens = 32, double temperature = 0.9) =>
        $$"""{"messages":[{"role":"user","content":"Write something, number {{seed}}"}],"stream":{{(stream ? "true" : "false")}},"max_tokens":{{maxTokens}},"seed":{{seed}},"temperature":{{temperature}},"ignore_eos":{{(maxTokens > 1000 ? "true" : "false")}}}""";

    private static async Task WaitForBusyAsync(TestServer server, int busy)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (server.Server.Metrics.BusySlots != busy && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        Assert.Equal(busy, server.Server.Metrics.BusySlots);
    }

    [Fact]
    public async Task ChatStream_EightConcurrentClientsPerSlotKv_EachIdenticalToItsSequentialRun()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { Parallel = 8, KvUnified = false }, contextSize: 256));
        var (sequential, concurrent) = await RunSequentialThenConcurrentAsync(server);

        Assert.Equal(sequential, concurrent);
        Assert.True(sequential.Distinct().Count() > 1, "different prompts and seeds should give different texts");
    }

    [Fact]
    public async Task ChatStream_EightConcurrentClientsUnifiedKv_NothingLostOrMixed()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { Parallel = 8, KvUnified = true }, contextSize: 256));
        var (sequential, concurrent) = await RunSequentialThenConcurrentAsync(server);

        // A unified KV buffer changes rounding with the batch, so later tokens may drift; the start of each answer
        // (decided by its own prompt) must still be its own and nobody else's.
        for (var i = 0; i < sequential.Length; i++)
        {
            Assert.False(string.IsNullOrEmpty(concurrent[i]));
            var prefix = sequential[i][..Math.Min(4, sequential[i].Length)];
            Assert.StartsWith(prefix, concurrent[i], StringComparison.Ordinal);
        }
    }

    private static async Task<(string[] Sequential, string[] Concurrent)> RunSequentialThenConcurrentAsync(TestServer server)
    {
        var seeds = Enumerable.Range(1, 8).ToArray();
        var sequential = new List<string>();
        foreach (var seed in seeds)
        {
            sequential.Add(await StreamAsync(server, seed));
        }

        var concurrent = await Task.WhenAll(seeds.Select(seed => StreamAsync(server, seed)));
        return ([.. sequential], concurrent);
    }

    [Fact]
    public async Task ChatStream_ClientDisconnects_SlotFreedWithinOneSecond()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { Parallel = 1 }, contextSize: 8192));
        using var cts = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(Body(3, stream: true, maxTokens: 100000), System.Text.Encoding.UTF8, "application/json"),
        };
        // No draining on dispose: the client must really hang up, as a closed browser tab does.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.BaseAddress };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        await stream.ReadExactlyAsync(new byte[16], cts.Token);
        await WaitForBusyAsync(server, 1);

        await cts.CancelAsync();
        response.Dispose();
        var freed = System.Diagnostics.Stopwatch.StartNew();
        while (server.Server.Metrics.BusySlots != 0 && freed.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, server.Server.Metrics.BusySlots);
        Assert.True(freed.Elapsed < TimeSpan.FromSeconds(1), $"slot freed after {freed.Elapsed.TotalMilliseconds:F0} ms");
        using var next = await server.PostJsonAsync("/v1/chat/completions", Body(4, stream: false, maxTokens: 4));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_QueueFull_Returns503WithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(TestServer.With(o => o with { Parallel = 1, QueueLimit = 1 }, contextSize: 8192));
        using var cts = new CancellationTokenSource();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(Body(1, stream: true, maxTokens: 100000), System.Text.Encoding.UTF8, "application/json"),
        };
        using var running = await server.Client.SendAsync(first, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await WaitForBusyAsync(server, 1);
        var waiting = server.PostJsonAsync("/v1/chat/completions", Body(2, stream: false, maxTokens: 4), cts.Token);
        while (server.Server.Metrics.QueueDepth < 1 && !waiting.IsCompleted)
        {
            await Task.Delay(5);
        }

        using var rejected = await server.PostJsonAsync("/v1/chat/completions", Body(3, stream: false, maxTokens: 4));

        var error = await ErrorAssert.IsOpenAiErrorAsync(rejected, HttpStatusCode.ServiceUnavailable, type: "server_error");
        Assert.Equal("server_overloaded", error.GetProperty("code").GetString());
        Assert.NotNull(rejected.Headers.RetryAfter);
        await cts.CancelAsync();
    }

    private static async Task<string> StreamAsync(TestServer server, int seed)
    {
        using var response = await server.PostJsonAsync("/v1/chat/completions", Body(seed, stream: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Sse.ChatText(await Sse.ReadDataAsync(response));
    }
}
