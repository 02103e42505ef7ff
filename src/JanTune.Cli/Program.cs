using System.CommandLine;
using Spectre.Console;

namespace JanTune.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var context = new CliContext(AnsiConsole.Console);
        return CliApp.Build(context).Parse(args).Invoke();
    }
}
