using System.Net;
using System.Text;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

/// <summary>Every malformed request is a 400 with an OpenAI error naming the field; never a 500 (SDKs retry those).</summary>
[Collection(ServerCollection.Name)]
public sealed class ValidationTests(SharedServer shared)
{
    [Theory]
    [InlineData("""{"messages":null}""", "messages")]
    [InlineData("""{}""", "messages")]
    [InlineData("""{"messages":"hello"}""", "messages")]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"messages":[123]}""", "messages[0]")]
    [InlineData("""{"messages":[{}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":5,"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":42}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", "messages[0].content[0]")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"max_tokens":99999999999}""", "max_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"max_tokens":"10"}""", "max_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"max_completion_tokens":0}""", "max_completion_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"temperature":3}""", "temperature")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"top_p":1.5}""", "top_p")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"presence_penalty":-3}""", "presence_penalty")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"frequency_penalty":{}}""", "frequency_penalty")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stop":5}""", "stop")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stop":[1,2]}""", "stop")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"seed":1.5}""", "seed")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":1}}""", "stream_options.include_usage")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"model":7}""", "model")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"n":3}""", "n")]
    public async Task ChatCompletions_MalformedField_Returns400NamingParam(string body, string param)
    {
        using var response = await shared.Server.PostJsonAsync("/v1/chat/completions", body);

        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public async Task ChatCompletions_InvalidJson_Returns400(string body)
    {
        using var response = await shared.Server.PostJsonAsync("/v1/chat/completions", body);

        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChatCompletions_WrongContentType_Returns400()
    {
        using var content = new StringContent("""{"messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "text/plain");
        using var response = await shared.Server.Client.PostAsync("/v1/chat/completions", content);

        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChatCompletions_PromptLongerThanContext_Returns400ContextLengthExceeded()
    {
        var longText = string.Join(' ', Enumerable.Repeat("word", 2000));
        using var response = await shared.Server.PostJsonAsync("/v1/chat/completions", $$"""{"messages":[{"role":"user","content":"{{longText}}"}]}""");

        var error = await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest, "messages");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"prompt":null}""", "prompt")]
    [InlineData("""{"prompt":42}""", "prompt")]
    [InlineData("""{"prompt":""}""", "prompt")]
    [InlineData("""{"prompt":"x","max_tokens":-5}""", "max_tokens")]
    [InlineData("""{"prompt":"x","temperature":-1}""", "temperature")]
    public async Task Completions_MalformedField_Returns400NamingParam(string body, string param)
    {
        using var response = await shared.Server.PostJsonAsync("/v1/completions", body);

        await ErrorAssert.IsOpenAiErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task ChatCompletions_UnknownFieldsAndNulls_AreIgnored()
    {
        using var response = await shared.Server.PostJsonAsync(
            "/v1/chat/completions",
            """{"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"max_tokens":4,"temperature":null,"tools_extra":{"a":1},"user":"u1","seed":-3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
