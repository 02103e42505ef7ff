using System.Net;
using System.Text.Json;
using JanTune.Core.Inference;
using JanTune.Server.Tests.Fixtures;

namespace JanTune.Server.Tests.Api;

public sealed class HealthAndModelsTests
{
    [Fact]
    public async Task Health_WhileModelLoads_Returns503ThenOk()
    {
        var gate = new ManualResetEventSlim();
        var settings = TestServer.DefaultSettings();
        await using var server = await TestServer.StartAsync(settings, () =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return LlamaModel.Load(settings.ModelPath);
        }, waitForModel: false);

        using var loading = await server.Client.GetAsync("/health");
        await ErrorAssert.IsOpenAiErrorAsync(loading, HttpStatusCode.ServiceUnavailable, type: "server_error");
        using var chat = await server.PostJsonAsync("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}]}""");
        await ErrorAssert.IsOpenAiErrorAsync(chat, HttpStatusCode.ServiceUnavailable, type: "server_error");

        gate.Set();
        await server.Server.ModelLoaded;
        using var ready = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Models_Get_ListsTheServedModel()
    {
        await using var server = await TestServer.StartAsync();

        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/models"));

        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        var model = Assert.Single(doc.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("tiny", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
    }
}
