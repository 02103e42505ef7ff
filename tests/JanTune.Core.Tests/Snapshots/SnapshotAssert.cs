using System.Runtime.CompilerServices;

namespace JanTune.Core.Tests.Snapshots;

/// <summary>
/// A small stand-in for Verify (not restorable here): compares text with <c>Snapshots/&lt;name&gt;.verified.&lt;ext&gt;</c>
/// next to the calling test file and, on a mismatch or a missing file, writes <c>.received.</c> beside it and fails.
/// Accept a change by renaming received to verified.
/// </summary>
internal static class SnapshotAssert
{
    public static void Matches(string name, string extension, string actual, [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verified = Path.Combine(dir, $"{name}.verified.{extension}");
        var received = Path.Combine(dir, $"{name}.received.{extension}");
        var normalized = actual.ReplaceLineEndings("\n");
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"snapshot {name} changed: compare {received} with {verified}"
            : $"no verified snapshot for {name}: review {received} and rename it to {verified}");
    }
}
