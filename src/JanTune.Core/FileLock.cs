using System.Diagnostics;

namespace JanTune.Core;

/// <summary>An exclusive lock between processes, held as an open file; released (and removed) on dispose.</summary>
internal static class FileLock
{
    public static FileStream Acquire(string path, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (clock.Elapsed < limit)
            {
                Thread.Sleep(200);
            }
        }
    }
}
