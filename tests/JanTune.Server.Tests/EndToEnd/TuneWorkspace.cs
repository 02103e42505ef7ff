using JanTune.Cli;
using JanTune.Core;
using JanTune.Server.Tests.Fixtures;
using Spectre.Console;

namespace JanTune.Server.Tests.EndToEnd;

/// <summary>
/// A throwaway JanTune home sharing the repository's installed backends and generated models, with the CLI run in
/// process against it: what a person types, and what the console shows them.
/// </summary>
internal sealed class TuneWorkspace : IDisposable
{
    public TuneWorkspace()
    {
        var repo = JanTunePaths.Discover();
        _ = TestModel.Path; // the tiny model exists in the repository's models/ and the CPU runtime is up
        Root = Directory.CreateTempSubdirectory("jantune-e2e-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(Root, ".native"), repo.NativeDir);
        Directory.CreateSymbolicLink(Path.Combine(Root, "models"), repo.ModelsDir);
        Paths = new JanTunePaths(Root);
    }

    public string Root { get; }

    public JanTunePaths Paths { get; }

    /// <summary>Runs `jantune args` in this home; returns the exit code and what the console showed.</summary>
    public async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var exit = await CliApp.Build(new CliContext(console, Paths)).Parse(args).InvokeAsync();
        return (exit, output.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
