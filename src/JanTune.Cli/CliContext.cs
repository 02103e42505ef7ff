using JanTune.Core;
using Spectre.Console;

namespace JanTune.Cli;

/// <summary>What every verb needs: the console a person reads (injected so tests can capture it) and the workspace.</summary>
internal sealed class CliContext(IAnsiConsole console, JanTunePaths? paths = null)
{
    private JanTunePaths? _paths = paths;

    public IAnsiConsole Console { get; } = console;

    /// <summary>The workspace, discovered on first use so that `--help` never touches the file system.</summary>
    public JanTunePaths Paths => _paths ??= JanTunePaths.Discover();

    /// <summary>Set by the global --verbose option: llama.cpp and ggml logs are shown.</summary>
    public bool Verbose { get; set; }
}
