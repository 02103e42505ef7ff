using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

/// <summary>
/// The server's contract for any body, byte by byte: 2xx, 4xx with the OpenAI error shape, or 413; never a 500,
/// never a hang, never a file path or stack trace in the answer. Thrown at the real Kestrel pipeline.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HostileBodyTests(SharedServer shared)
{
    private static readonly string[] Endpoints = ["/v1/chat/completions", "/v1/completions"];

    private static readonly string[] Seeds =
    [
        """{"messages":[{"role":"user","content":"hi"}],"max_tokens":2}""",
        """{"model":"tiny","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hello"}]}],"max_tokens":3,"temperature":0.5,"top_p":0.9,"stop":["\n","x"],"seed":42}""",
        """{"messages":[{"role":"user","content":"stream me"}],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true}}""",
        """{"prompt":"once upon","max_tokens":2,"presence_penalty":0.5,"frequency_penalty":-0.5}""",
        """{"prompt":["one string"],"max_tokens":1,"stream":true,"n":1,"ignore_eos":true}""",
    ];

    /// <summary>Fragments that broke or could break a JSON reader: invalid UTF-8, lone surrogates, NULs, deep nesting, huge numbers.</summary>
    private static readonly byte[][] Hostile =
    [
        [0xFF, 0xFE], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF],
        .. new[]
        {
            "\\ud800", "\\udc00\\ud800", "\\u0000", "\\u", "\\", "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-0",
            "1e999", "-1e999", "99999999999999999999999", "0.0000000000000000000001", "NaN", "\"max_tokens\":0,",
            new string('[', 40), new string('{', 40), "\"role\":\"tool\",", "\"messages\":[],", "\"content\":null,",
            "\"stream\":true,", "\"messages\":\"", "<|im_start|>", "\u00e9\u4e2d\ud83d\ude00",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    [Fact]
    public void AnyRandomBytes_AnswerKeepsContract()
    {
        // Given random byte sequences, posted as JSON to either endpoint
        var body = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(a => a.Length > 600 ? a[..600] : a);
        var input = body.Zip(Gen.Elements(Endpoints)).ToArbitrary();

        // When each is sent, Then the answer keeps the contract
        var property = Prop.ForAll(input, t => KeepsContract(t.Item2, t.Item1, "application/json"));
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    [Fact]
    public void MutatedValidBodies_AnswerKeepsContract()
    {
        // Given valid requests mutated 1 to 5 times (byte flips, hostile splices, deletions, truncation, repeats)
        var input = Gen.Choose(0, Seeds.Length - 1)
            .Zip(Gen.Choose(0, int.MaxValue))
            .Zip(Gen.Elements("application/json", "application/json; charset=utf-8", "text/plain", "application/json; charset=latin1"))
            .ToArbitrary();

        // When each is sent to both endpoints, Then every answer keeps the contract
        var property = Prop.ForAll(input, t =>
        {
            var ((seed, randomSeed), contentType) = t;
            var bytes = Mutate(Encoding.UTF8.GetBytes(Seeds[seed]), new Random(randomSeed));
            return Endpoints.All(e => KeepsContract(e, bytes, contentType));
        });
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(250), property);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task ChatCompletions_InvalidUtf8InString_Returns400InvalidEncoding(byte[] bad)
    {
        // Given a chat request whose content string holds raw bytes that are not UTF-8 (the issue-15 500)
        var body = Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"a""").Concat(bad).Concat(Encoding.UTF8.GetBytes("""b"}]}""")).ToArray();

        // When it is posted
        using var response = await PostAsync("/v1/chat/completions", body, "application/json");

        // Then it is a 400 invalid_encoding, not a 500
        var error = await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_encoding", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"a\ud800b"}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"\udc00"}]}]}""", "messages[0].content[0].text")]
    [InlineData("""{"prompt":"x","stop":["\ud800"]}""", "stop[0]")]
    public async Task Post_LoneSurrogateEscape_Returns400NamingField(string body, string param)
    {
        // Given a lone UTF-16 surrogate written as an escape (valid JSON syntax, not valid Unicode)
        var endpoint = body.Contains("prompt", StringComparison.Ordinal) ? "/v1/completions" : "/v1/chat/completions";

        // When it is posted, Then the 400 names the field
        using var response = await shared.Server.PostJsonAsync(endpoint, body);
        var error = await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest, param);
        Assert.Equal("invalid_encoding", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Returns413()
    {
        // Given a body over the server's 1 MiB limit
        var body = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 2 << 20) + "\"}]}");

        // When it is posted (asking for 100-continue, as large uploads do: the server answers before the body is sent,
        // so the client never writes into a connection the server has already closed), Then it is a 413 with an OpenAI error
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.ExpectContinue = true;
        using var response = await shared.Server.Client.SendAsync(request);
        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var at = random.Next(0, bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var from = random.Next(0, bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(random.Next(1, 16), bytes.Count - from)));
                    break;
            }
        }

        return [.. bytes];
    }

    private bool KeepsContract(string endpoint, byte[] body, string contentType)
    {
        // Off the test's synchronization context: FsCheck properties are synchronous.
        var (status, text) = Task.Run(async () =>
        {
            // A mutation can turn max_tokens 2 into 22222: a legitimate generation up to the context's end, which on a
            // 2-core machine running the other test collections at once took over 30 s. A hang is still caught.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            using var response = await PostAsync(endpoint, body, contentType, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }).GetAwaiter().GetResult();

        var shown = $"{endpoint} {contentType} body {Convert.ToHexString(body)} -> {status}: {text}";
        Assert.True(status is >= 200 and < 300 or >= 400 and < 500, "status outside 2xx/4xx: " + shown);
        foreach (var leak in new[] { "/work/", "/tmp/", "/home/", "/root/", "/usr/", ".cs:line", "   at ", "Exception" })
        {
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"answer leaks '{leak}': " + shown);
        }

        if (status >= 400)
        {
            using var doc = JsonDocument.Parse(text);
            var error = doc.RootElement.GetProperty("error");
            Assert.True(error.GetProperty("message").ValueKind == JsonValueKind.String, shown);
            Assert.True(error.GetProperty("type").ValueKind == JsonValueKind.String, shown);
            Assert.True(error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _), shown);
        }

        return true;
    }

    private Task<HttpResponseMessage> PostAsync(string endpoint, byte[] body, string contentType, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return shared.Server.Client.PostAsync(endpoint, content, cancellationToken);
    }
}
