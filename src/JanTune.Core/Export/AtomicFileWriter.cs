using System.Globalization;

namespace JanTune.Core.Export;

/// <summary>
/// The one way JanTune writes a file a person may own: to a temporary sibling, then renamed over the target, so a
/// crash never leaves half a file. A target that exists with different content is first copied to
/// <c>&lt;name&gt;.bak-&lt;yyyyMMddHHmmss&gt;</c>: a user's file is never replaced without a backup.
/// </summary>
public sealed class AtomicFileWriter(TimeProvider time)
{
    /// <summary>Writes UTF-8 text (LF line endings as given); returns the backup path, or null when none was needed.</summary>
    public string? WriteText(string path, string content) => Write(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>
    /// Writes bytes; returns the backup path, or null when none was needed. <paramref name="backup"/> false is only for
    /// files JanTune derives itself and can regenerate (perf-model.json), where a backup per refit would be clutter.
    /// </summary>
    public string? Write(string path, byte[] content, bool backup = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        return DiskErrors.Guard(path, Path.GetFileName(path), () => WriteFile(path, content, backup), "the file there was left as it was");
    }

    private string? WriteFile(string path, byte[] content, bool backup)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string? backupPath = null;
        if (File.Exists(full) && backup)
        {
            if (File.ReadAllBytes(full).AsSpan().SequenceEqual(content))
            {
                return null;
            }

            var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            backupPath = full + ".bak-" + stamp;
            for (var i = 1; File.Exists(backupPath); i++)
            {
                backupPath = full + ".bak-" + stamp + "-" + i.ToString(CultureInfo.InvariantCulture);
            }

            try
            {
                File.Copy(full, backupPath);
            }
            catch
            {
                // A backup cut short by a full disk is no backup.
                File.Delete(backupPath);
                throw;
            }
        }

        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return backupPath;
    }
}
