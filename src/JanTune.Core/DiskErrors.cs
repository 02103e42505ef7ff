using Microsoft.Data.Sqlite;

namespace JanTune.Core;

/// <summary>
/// Turns a full or read-only disk into one clear <see cref="JanTuneException"/> naming the path and the fix, wherever
/// JanTune writes (results store, profile files, exports, model synthesis). Everything else is left to propagate.
/// </summary>
public static class DiskErrors
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int Erofs = 30;
    private const int SqliteReadOnly = 8;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>Whether <paramref name="ex"/> says the disk (or the quota) is full.</summary>
    public static bool IsDiskFull(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteFull,
        IOException io => io.HResult is Enospc or Edquot || io.Message.Contains("No space left on device", StringComparison.Ordinal)
            || io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal)
            || io.Message.Contains("because the disk was full", StringComparison.Ordinal), // FileStream's preallocation
        _ => false,
    };

    /// <summary>Whether <paramref name="ex"/> says the file system is read-only or the folder is not writable.</summary>
    public static bool IsNotWritable(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen,
        UnauthorizedAccessException => true,
        IOException io => io.HResult == Erofs || io.Message.Contains("Read-only file system", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The clear error for a full or read-only disk at <paramref name="path"/>, or null when <paramref name="ex"/> is neither.</summary>
    /// <param name="ex">What the write threw.</param>
    /// <param name="path">The file being written.</param>
    /// <param name="what">What it is, e.g. "the results store".</param>
    /// <param name="kept">What is safe and what to do after the fix, e.g. "finished trials are kept; the same sweep resumes".</param>
    public static JanTuneException? Describe(Exception ex, string path, string what, string kept = "nothing already written was changed")
    {
        ArgumentNullException.ThrowIfNull(ex);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        if (IsDiskFull(ex))
        {
            return new JanTuneException(
                $"no space left on the disk holding {path} while writing {what}",
                $"free space there (df -h {dir}), or set JANTUNE_HOME to a folder on a disk with room, then run the same command again; {kept}",
                ex);
        }

        return IsNotWritable(ex)
            ? new JanTuneException(
                $"cannot write {what} at {path}: the file system is read-only or the folder is not writable",
                $"make {dir} writable (or remount it read-write), or set JANTUNE_HOME to a writable folder, then run the same command again; {kept}",
                ex)
            : null;
    }

    /// <summary>Runs a write; a full or read-only disk becomes <see cref="Describe"/>'s error.</summary>
    public static void Guard(string path, string what, Action write, string kept = "nothing already written was changed")
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException && Describe(ex, path, what, kept) is not null)
        {
            throw Describe(ex, path, what, kept)!;
        }
    }

    /// <summary>Runs a write that returns a value; a full or read-only disk becomes <see cref="Describe"/>'s error.</summary>
    public static T Guard<T>(string path, string what, Func<T> write, string kept = "nothing already written was changed")
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException && Describe(ex, path, what, kept) is not null)
        {
            throw Describe(ex, path, what, kept)!;
        }
    }
}
