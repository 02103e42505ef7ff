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
}
