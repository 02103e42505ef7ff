using System.Net;
using System.Text.Json;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

/// <summary>The exact SSE shape clients parse by hand.</summary>
[Collection(ServerCollection.Name)]
public sealed class StreamingFormatTests(SharedServer shared)
{
    [Fact]
    public async Task ChatStream_WithUsage_FollowsOpenAiChunkProtocol()
    {
        using var response = await shared.Server.PostJsonAsync(
            "/v1/chat/completions",
            """{"messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true},"max_tokens":12,"seed":5}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var data = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonDocument.Parse(d).RootElement).ToList();
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        var content = chunks[..^1];
        var last = content[^1].GetProperty("choices")[0];
        Assert.Contains(last.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.All(content[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
    }

    [Fact]
    public async Task Completions_StreamedAndWhole_SameSeedSameText()
    {
        const string Body = """{"prompt":"Once upon a time","max_tokens":20,"seed":11,"temperature":1}""";
        using var whole = await shared.Server.PostJsonAsync("/v1/completions", Body);
        using var doc = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
        var wholeText = doc.RootElement.GetProperty("choices")[0].GetProperty("text").GetString();
        Assert.Equal("text_completion", doc.RootElement.GetProperty("object").GetString());
        Assert.True(doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() >= 1);

        using var streamed = await shared.Server.PostJsonAsync("/v1/completions", Body.Replace("{", """{"stream":true,""", StringComparison.Ordinal));
        var data = await Sse.ReadDataAsync(streamed);

        Assert.Equal("[DONE]", data[^1]);
        var text = string.Concat(data[..^1].Select(d => JsonDocument.Parse(d).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(wholeText, text);
    }

    [Fact]
    public async Task Metrics_Get_IsPrometheusText()
    {
        using var warm = await shared.Server.PostJsonAsync("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":3}""");
        using var response = await shared.Server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        foreach (var name in new[] { "jantune_generation_tokens_per_second", "jantune_queue_depth", "jantune_busy_slots", "jantune_threads", "jantune_thread_switches_total", "jantune_time_to_first_token_seconds" })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }

        Assert.Contains("jantune_requests_total{status=\"200\"}", text, StringComparison.Ordinal);
        Assert.Contains("jantune_time_to_first_token_seconds_bucket{le=\"+Inf\"}", text, StringComparison.Ordinal);
        // The process and runtime metrics a soak run reads for leaks (prometheus-net's DotNetStats).
        foreach (var name in new[] { "process_working_set_bytes", "process_num_threads", "dotnet_total_memory_bytes", "dotnet_collection_count_total" })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }

        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')), l => Assert.Matches(@"^[a-z_]+(\{[^}]*\})? [0-9.eE+-]+$", l));
    }

    [Fact]
    public async Task ChatCompletions_StopString_CutsTextBeforeIt()
    {
        const string Body = """{"messages":[{"role":"user","content":"count"}],"max_tokens":30,"seed":21,"temperature":1,"ignore_eos":true}""";
        var full = await ChatTextAsync(Body);
        Assert.True(full.Length > 6, full);
        var stop = full.Substring(3, 2);

        var cut = await ChatTextAsync(Body.Replace("\"seed\"", $"\"stop\":[\"{Escape(stop)}\"],\"seed\"", StringComparison.Ordinal));

        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], cut);
    }

    private static string Escape(string s) => JsonEncodedText.Encode(s).ToString();

    private async Task<string> ChatTextAsync(string body)
    {
        using var response = await shared.Server.PostJsonAsync("/v1/chat/completions", body);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
