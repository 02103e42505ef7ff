using System.Diagnostics;

namespace JanTune.Core.Tests.Fixtures;

/// <summary>
/// A tmpfs of a few hundred KiB mounted for one test, to make a full or read-only disk for real (the tests run as root
/// in CI). Where mounting is impossible the test is skipped with the reason, never passed.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(int kib)
    {
        var dir = Directory.CreateTempSubdirectory("jantune-disk-").FullName;
        var (ok, error) = Run("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", dir);
        if (!ok)
        {
            Directory.Delete(dir);
        }

        Skip.IfNot(ok, $"cannot mount a {kib} KiB tmpfs (needs root or CAP_SYS_ADMIN): {error}");
        return new SmallDisk(dir);
    }

    /// <summary>Fills the disk with one file and returns its path; deleting it frees the space again.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // The disk is full: that is the point.
        }

        return filler;
    }

    public void RemountReadOnly() => Assert.True(Run("mount", "-o", "remount,ro", Path).Ok, "remount read-only failed");

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (bool Ok, string Error) Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode == 0, error.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, ex.Message);
        }
    }
}
