using System.Globalization;

namespace JanTune.Core.Processes;

/// <summary>
/// Which process listens on a TCP port, from Linux's /proc: the socket inode of a LISTEN entry in /proc/net/tcp and
/// tcp6, then the /proc/&lt;pid&gt;/fd link that points at it. Processes of other users cannot be looked into, so
/// the answer is null whenever it cannot be known; it is a hint for an error message, never a decision.
/// </summary>
public static class PortOwner
{
    /// <summary>"pid 4242 (jan: /opt/Jan/jan)", or null when unknown.</summary>
    public static string? Describe(int port, string procRoot = "/proc")
    {
        try
        {
            var inodes = ListeningInodes(port, procRoot);
            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (var pidDir in Directory.EnumerateDirectories(procRoot))
            {
                if (!int.TryParse(Path.GetFileName(pidDir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Owns(pidDir, inodes))
                {
                    continue;
                }

                var comm = Read(Path.Combine(pidDir, "comm"))?.Trim();
                var cmdline = Read(Path.Combine(pidDir, "cmdline"))?.Replace('\0', ' ').Trim();
                return $"pid {pid.ToString(CultureInfo.InvariantCulture)} ({comm ?? "?"}{(string.IsNullOrEmpty(cmdline) ? string.Empty : ": " + Shorten(cmdline))})";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Socket inodes listening on <paramref name="port"/> (state 0A), IPv4 and IPv6.</summary>
    internal static HashSet<string> ListeningInodes(int port, string procRoot)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            var text = Read(Path.Combine(procRoot, "net", table));
            foreach (var line in text?.Split('\n').Skip(1) ?? [])
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length > 9 && cols[1].EndsWith(hexPort, StringComparison.Ordinal) && cols[3] == "0A" && cols[9] != "0")
                {
                    inodes.Add(cols[9]);
                }
            }
        }

        return inodes;
    }

    private static bool Owns(string pidDir, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(pidDir, "fd")))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's process: its descriptors are not ours to read.
        }

        return false;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
