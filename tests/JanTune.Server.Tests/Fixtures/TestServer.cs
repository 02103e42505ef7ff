using System.Net.Http.Headers;
using System.Text;
using JanTune.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Tests.Fixtures;

/// <summary>A real Kestrel server on 127.0.0.1:0 serving the tiny model with one inference thread.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(JanTuneServer server, ServeSettings settings)
    {
        Server = server;
        Settings = settings;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (settings.Serving.ApiKey is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Serving.ApiKey);
        }
    }

    public JanTuneServer Server { get; }

    public ServeSettings Settings { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public static ServeSettings DefaultSettings() => new()
    {
        Config = ServeSettings.DefaultConfig(TestModel.Path) with { Threads = 1, ContextSize = 512, BatchSize = 512, UBatchSize = 512 },
        Serving = new ServingOptions { Port = 0, Parallel = 4 },
        ModelId = "tiny",
    };

    /// <summary>The default settings with other serving options.</summary>
    public static ServeSettings With(Func<ServingOptions, ServingOptions> serving, int? contextSize = null)
    {
        var s = DefaultSettings();
        return s with { Serving = serving(s.Serving), Config = s.Config with { ContextSize = contextSize ?? s.Config.ContextSize } };
    }

    public static async Task<TestServer> StartAsync(ServeSettings? settings = null, Func<Core.Inference.LlamaModel>? load = null, bool waitForModel = true)
    {
        settings ??= DefaultSettings();
        var server = await JanTuneServer.StartAsync(settings, l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(), load);
        if (waitForModel)
        {
            await server.ModelLoaded;
            Assert.Equal(ModelState.Ready, server.ModelState);
        }

        return new TestServer(server, settings);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
