using System.CommandLine;
using JanTune.Core.Sweeps.Worker;

namespace JanTune.Cli.Commands;

/// <summary>`jantune sweep-worker` (hidden): the child process a sweep measures in; JSON lines on stdin/stdout.</summary>
internal sealed class SweepWorkerCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var command = new Command("sweep-worker", "Internal: measure sweep trials sent as JSON lines on stdin") { Hidden = true };
        command.SetAction((parse, token) => SweepWorker.RunAsync(Console.In, Console.Out));
        return command;
    }
}
