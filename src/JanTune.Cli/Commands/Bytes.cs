using System.Globalization;

namespace JanTune.Cli.Commands;

/// <summary>Byte counts for people.</summary>
internal static class Bytes
{
    public static string GiB(long bytes) => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
}
