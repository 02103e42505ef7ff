using System.Runtime.CompilerServices;
using System.Text;

namespace JanTune.Core.Tests.Snapshots;

/// <summary>
/// A tiny Verify: compares text against Snapshots/&lt;name&gt;.verified.&lt;ext&gt; next to this source file. On a
/// mismatch it writes &lt;name&gt;.received.&lt;ext&gt; (git-ignored) and fails, saying how to accept the change.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(dir);
        var verified = Path.Combine(dir, $"{name}.verified.{extension}");
        var received = Path.Combine(dir, $"{name}.received.{extension}");
        var text = actual.ReplaceLineEndings("\n");
        if (!File.Exists(verified))
        {
            File.WriteAllText(verified, text, new UTF8Encoding(false));
            Assert.Fail($"new snapshot written to {verified}: review and commit it");
        }

        var expected = File.ReadAllText(verified).ReplaceLineEndings("\n");
        if (expected == text)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, text, new UTF8Encoding(false));
        var line = FirstDifferentLine(expected, text);
        Assert.Fail($"snapshot {name}.{extension} differs from line {line}. Review {received}; if it is right, accept it: cp '{received}' '{verified}'");
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return i + 1;
            }
        }

        return Math.Min(x.Length, y.Length) + 1;
    }
}
