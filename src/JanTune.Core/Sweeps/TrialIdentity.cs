using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Stable identities for resume: a model file is its name, size and the SHA-256 of its first MiB (cheap, and a
/// regenerated or re-quantized file changes it); a trial is the hash of profile, model, configuration, test and build.
/// </summary>
public static class TrialIdentity
{
    private const int HeadBytes = 1 << 20;

    /// <summary>For example <c>1b-q4_0.gguf:637000000:3fa2…</c>.</summary>
    public static string ModelFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        var head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
        stream.ReadExactly(head);
        var hash = Convert.ToHexStringLower(SHA256.HashData(head))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}:{stream.Length}:{hash}");
    }

    /// <summary>The trial id the results store is unique on.</summary>
    public static string Trial(string profileId, string modelIdentity, string configKey, string test, string llamaBuild)
    {
        var text = string.Join('\n', profileId, modelIdentity, configKey, test, llamaBuild);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }
}
