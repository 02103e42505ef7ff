namespace JanTune.Core.Hardware;

/// <summary>The operating system: distribution name and kernel release.</summary>
/// <param name="Name">PRETTY_NAME from /etc/os-release, or the runtime's description when absent.</param>
/// <param name="Kernel">/proc/sys/kernel/osrelease.</param>
public sealed record OsInfo(string Name, string Kernel)
{
    /// <summary>Extracts PRETTY_NAME from /etc/os-release text, unquoted; null when it is missing.</summary>
    public static string? PrettyName(string osRelease)
    {
        ArgumentNullException.ThrowIfNull(osRelease);
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
