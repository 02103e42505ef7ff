using System.CommandLine;
using System.Globalization;
using JanTune.Core.Inference;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune chat`: a terminal chat on a directly loaded model (no server), with history and tokens/s.</summary>
internal sealed class ChatCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "GGUF model file", Required = true };
        var backend = new Option<string>("--backend") { Description = "cpu, vulkan or cuda", DefaultValueFactory = _ => "cpu" };
        var ngl = new Option<int>("--ngl") { Description = "Layers to offload to the GPU", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads", "-t") { Description = "CPU threads", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var ctx = new Option<int>("--ctx", "-c") { Description = "Context length", DefaultValueFactory = _ => 4096 };
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Most tokens per reply", DefaultValueFactory = _ => 512 };
        var temp = new Option<float>("--temp") { Description = "Temperature (0 = greedy)", DefaultValueFactory = _ => 0.8f };
        var system = new Option<string?>("--system") { Description = "System prompt" };

        var command = new Command("chat", "Chat with a model in the terminal: /reset, /system <text>, /quit");
        foreach (var o in new Option[] { model, backend, ngl, threads, ctx, maxTokens, temp, system })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, token) => CliApp.RunAsync(context, parse, async ct =>
        {
            LlamaRuntime.Initialize(context.Paths, parse.GetValue(backend)!);
            using var m = LlamaModel.Load(parse.GetValue(model)!, new ModelLoadOptions { GpuLayers = parse.GetValue(ngl) });
            using var c = m.CreateContext(new ContextOptions { ContextSize = parse.GetValue(ctx), Threads = parse.GetValue(threads) });
            var session = new ChatSession(m, c, new SamplingOptions { Temperature = parse.GetValue(temp), Seed = (uint)Environment.TickCount }, parse.GetValue(maxTokens), parse.GetValue(system));
            await RunLoopAsync(context.Console, Console.In, session, ct);
            return 0;
        }, token));
        return command;
    }

    internal static async Task RunLoopAsync(IAnsiConsole console, TextReader input, ChatSession session, CancellationToken cancellationToken)
    {
        console.MarkupLine("[grey]/reset clears the conversation, /system <text> sets the system prompt, /quit leaves[/]");
        while (!cancellationToken.IsCancellationRequested)
        {
            console.Markup("[bold blue]you>[/] ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() == "/quit")
            {
                return;
            }

            if (line.Trim() == "/reset")
            {
                session.Reset();
                console.MarkupLine("[grey]conversation cleared[/]");
                continue;
            }

            if (line.StartsWith("/system", StringComparison.Ordinal))
            {
                session.SetSystem(line["/system".Length..].Trim());
                console.MarkupLine("[grey]system prompt set; conversation cleared[/]");
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            console.Markup("[bold green]model>[/] ");
            var stats = await session.ReplyAsync(line, piece => console.Write(piece), cancellationToken);
            console.WriteLine();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{stats.GeneratedTokens} tokens, {stats.GenerationTokensPerSecond:F1} t/s, first token {stats.TimeToFirstToken.TotalMilliseconds:F0} ms[/]"));
        }
    }
}
