using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class ChatPageTests(SharedServer shared)
{
    [Fact]
    public async Task Root_Get_ServesSelfContainedChatPage()
    {
        using var response = await shared.Server.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/v1/chat/completions", html, StringComparison.Ordinal);
        Assert.Contains("stream: true", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions", 405)]
    [InlineData("GET", "/v1/nothing", 404)]
    public async Task UnknownRouteOrMethod_ReturnsOpenAiShapedError(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await shared.Server.Client.SendAsync(request);

        await ErrorAssert.IsOpenAiErrorAsync(response, (System.Net.HttpStatusCode)status);
    }
}
