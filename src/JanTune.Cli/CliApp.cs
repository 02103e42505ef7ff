using System.CommandLine;
using System.Reflection;
using JanTune.Core;
using JanTune.Native;
using Spectre.Console;

namespace JanTune.Cli;

/// <summary>Assembles the root command from every <see cref="ICliVerb"/> in this assembly.</summary>
internal static class CliApp
{
    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Show llama.cpp and ggml log output",
        Recursive = true,
    };

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("JanTune: measure llama.cpp on this machine, fit a performance model, recommend and apply the best configuration.");
        root.Options.Add(VerboseOption);
        var verbs = typeof(CliApp).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliVerb).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in verbs)
        {
            var verb = (ICliVerb)Activator.CreateInstance(type)!;
            root.Subcommands.Add(verb.Create(context));
        }

        return root;
    }

    /// <summary>
    /// Runs a verb body: known failures (<see cref="JanTuneException"/>, I/O) print their message and a hint and
    /// return 1; Ctrl-C returns 130. Nothing escapes as an unhandled crash with a stack trace.
    /// </summary>
    public static int Run(CliContext context, ParseResult parse, Func<int> body) =>
        RunAsync(context, parse, _ => Task.FromResult(body()), CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(CliContext context, ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken token)
    {
        context.Verbose = parse.GetValue(VerboseOption);
        if (context.Verbose)
        {
            NativeLog.Sink = (level, line) => Console.Error.WriteLine($"[llama.cpp {level.ToString().ToLowerInvariant()}] {line}");
        }

        try
        {
            return await body(token);
        }
        catch (JanTuneException ex)
        {
            context.Console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            if (ex.Hint is not null)
            {
                context.Console.MarkupLine($"[yellow]fix:[/] {Markup.Escape(ex.Hint)}");
            }

            return 1;
        }
        catch (LlamaNativeException ex)
        {
            context.Console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            if (ex.Hint is not null)
            {
                context.Console.MarkupLine($"[yellow]fix:[/] {Markup.Escape(ex.Hint)}");
            }

            return 1;
        }
        catch (OperationCanceledException)
        {
            context.Console.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }
}
