using System.Net;
using JanTune.Core;
using JanTune.Core.Inference;
using JanTune.Core.Processes;
using JanTune.Server.Api;
using JanTune.Server.Metrics;
using JanTune.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JanTune.Server.Hosting;

/// <summary>
/// The running server: Kestrel on the configured address, the OpenAI routes, and the model loading behind them.
/// Starts listening first and loads the model in the background, so /health answers from the first second.
/// </summary>
public sealed class JanTuneServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ModelHost _host;

    private JanTuneServer(WebApplication app, ModelHost host, Uri address)
    {
        _app = app;
        _host = host;
        BaseAddress = address;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:1337.</summary>
    public Uri BaseAddress { get; }

    public ServerMetrics Metrics => _app.Services.GetRequiredService<ServerMetrics>();

    public ModelState ModelState => _host.State;

    /// <summary>The options llama.cpp loaded the model with (null until loaded).</summary>
    public ModelLoadOptions? LoadedModelOptions => _host.LoadedModelOptions;

    /// <summary>The options of the serving context (null until created).</summary>
    public ContextOptions? LoadedContextOptions => _host.LoadedContextOptions;

    /// <summary>Completes when the model is loaded (or failed to load).</summary>
    public Task ModelLoaded => _host.Loaded;

    /// <summary>Starts listening and begins loading the model. <paramref name="loadModel"/> replaces the file load (tests).</summary>
    public static async Task<JanTuneServer> StartAsync(ServeSettings settings, Action<ILoggingBuilder>? logging = null, Func<LlamaModel>? loadModel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // A failed start is reported once, as a JanTuneException below, not as the host's stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.Serving.MaxRequestBodyBytes;
            if (string.Equals(settings.Serving.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                k.ListenLocalhost(settings.Serving.Port);
            }
            else if (IPAddress.TryParse(settings.Serving.Host.Trim('[', ']'), out var ip))
            {
                k.Listen(ip, settings.Serving.Port);
            }
            else
            {
                throw new JanTuneException($"--host {settings.Serving.Host} is not an IP address", "use 127.0.0.1 (the default), ::1, localhost, or an interface address");
            }
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton(sp => new ModelHost(
            settings,
            loadModel ?? (() => LlamaModel.Load(settings.ModelPath, settings.ToModelLoadOptions())),
            sp.GetRequiredService<ServerMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("JanTune.Server"),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins([.. settings.Serving.AllowedOrigins]).AllowAnyHeader().WithMethods("GET", "POST")));

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JanTune.Server");
        app.UseMiddleware<RequestCountingMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = http => HandleUnexpected(http, logger) });
        app.UseStatusCodePages(c => ApiErrors.WriteAsync(c.HttpContext, c.HttpContext.Response.StatusCode, StatusMessage(c.HttpContext), "invalid_request_error", "not_found"));
        app.UseMiddleware<HostFilterMiddleware>(settings.Serving.AllowedHosts, settings.Serving.Host);
        app.UseCors();
        if (!string.IsNullOrEmpty(settings.Serving.ApiKey))
        {
            app.UseMiddleware<ApiKeyMiddleware>(settings.Serving.ApiKey);
        }

        app.MapOpenAiApi();
        app.MapServiceEndpoints();
        foreach (var line in settings.Describe())
        {
            logger.LogInformation("config {Line}", line);
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw PortTaken(settings);
        }
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = app.Services.GetRequiredService<ModelHost>();
        host.StartLoading();
        logger.LogInformation("listening on {Address}; loading the model in the background", address);
        return new JanTuneServer(app, host, new Uri(address));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (Ctrl-C).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        _host.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>One line: who holds the port (Jan's own local API server also defaults to 1337) and what to do.</summary>
    internal static JanTuneException PortTaken(ServeSettings settings)
    {
        var owner = PortOwner.Describe(settings.Serving.Port);
        return new JanTuneException(
            $"port {settings.Serving.Port} on {settings.Serving.Host} is already in use{(owner is null ? string.Empty : " by " + owner)}",
            $"stop that server (Jan's local API server also listens on 1337 by default) or pass --port {(settings.Serving.Port == 1337 ? 1338 : settings.Serving.Port + 1)}");
    }

    /// <summary>Routing's bare 404/405 become OpenAI errors too: SDKs show the message.</summary>
    private static string StatusMessage(HttpContext http) => http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
        ? $"{http.Request.Method} is not allowed on {http.Request.Path}"
        : $"no route {http.Request.Method} {http.Request.Path}";

    private static Task HandleUnexpected(HttpContext http, ILogger logger)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        logger.LogError(error, "unhandled error on {Path}", http.Request.Path);
        // Never echo the exception: messages carry paths and internals, and SDKs would show them to end users.
        return ApiErrors.WriteAsync(http, StatusCodes.Status500InternalServerError, "internal server error", "server_error", "internal_error");
    }
}
