using System.CommandLine;

namespace JanTune.Cli;

/// <summary>
/// One top-level verb of `jantune`. Implementations are discovered by reflection, so adding a verb is adding a file.
/// </summary>
internal interface ICliVerb
{
    /// <summary>Builds the System.CommandLine command, with its options and action bound to <paramref name="context"/>.</summary>
    Command Create(CliContext context);
}
