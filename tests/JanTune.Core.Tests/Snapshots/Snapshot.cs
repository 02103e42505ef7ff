using System.Runtime.CompilerServices;
using System.Text;

namespace JanTune.Core.Tests.Snapshots;

/// <summary>
/// A tiny Verify: compares text against Snapshots/&lt;name&gt;.verified.&lt;ext&gt; next to this source file. On a
/// mismatch, or with no verified file yet, it writes &lt;name&gt;.received.&lt;ext&gt; (git-ignored) and fails. Only an
/// explicit <c>JANTUNE_UPDATE_SNAPSHOTS=1</c> makes it write the verified file instead (review the diff, then commit):
/// a test never accepts its own output silently.
/// </summary>
internal static class Snapshot
{
    /// <summary>The environment variable that regenerates verified files.</summary>
    public const string UpdateVariable = "JANTUNE_UPDATE_SNAPSHOTS";

    public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(dir);
        var verified = Path.Combine(dir, $"{name}.verified.{extension}");
        var received = Path.Combine(dir, $"{name}.received.{extension}");
        var text = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(verified, text, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, text, new UTF8Encoding(false));
            Assert.Fail($"no snapshot {verified} yet: review {received}, then accept it with {UpdateVariable}=1 (or cp it to the verified name) and commit");
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
        Assert.Fail($"snapshot {name}.{extension} differs from line {line}. Review {received}; if it is right, accept it: cp '{received}' '{verified}', or rerun with {UpdateVariable}=1");
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
