using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Export;

/// <summary>
/// Moves a hardware profile between machines as one zip (.jtprofile): profile.json (id), hardware.json,
/// perf-model.json, recommended.json and results.json (the profile's trials, from the results store). Import refuses a
/// profile taken on different hardware unless forced, writes files through <see cref="AtomicFileWriter"/>, so nothing
/// local is replaced without a backup, and appends the trials to this workspace's store, so recommend, export and
/// serve --profile work from the imported profile alone: a tuning done once reaches identical machines.
/// </summary>
public sealed class ProfileArchive(JanTunePaths paths, TimeProvider time)
{
    public const string Extension = ".jtprofile";

    /// <summary>No real profile file comes near this (a results.json of 10k trials is a few MB).</summary>
    private const long MaxEntryBytes = 256L << 20;

    private static readonly string[] ProfileFiles = ["hardware.json", PerfModelStore.FileName, RecommendedConfig.FileName];

    /// <summary>Writes the archive of <paramref name="profileId"/> with its trials from the results store; returns the path and the trial count.</summary>
    public (string Path, int Trials) Export(string profileId, string outFile)
    {
        var trials = StoredTrials(profileId);
        return (Export(profileId, outFile, trials), trials.Count);
    }

    /// <summary>Writes the archive of <paramref name="profileId"/> with <paramref name="results"/> to <paramref name="outFile"/>; returns the path.</summary>
    public string Export(string profileId, string outFile, IReadOnlyList<TrialResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var dir = Path.Combine(paths.ProfilesDir, profileId);
        if (!Directory.Exists(dir))
        {
            throw new JanTuneException($"no profile '{profileId}' under {paths.ProfilesDir}", "run `jantune hw` to create this machine's profile, or pick one with --profile");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "profile.json", JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["id"] = profileId, ["format"] = 1 }));
            foreach (var name in ProfileFiles.Where(n => File.Exists(Path.Combine(dir, n))))
            {
                Add(zip, name, File.ReadAllBytes(Path.Combine(dir, name)));
            }

            Add(zip, "results.json", JsonSerializer.SerializeToUtf8Bytes(results, JsonTrialSource.Options));
        }

        new AtomicFileWriter(time).Write(outFile, buffer.ToArray());
        return Path.GetFullPath(outFile);
    }

    /// <summary>
    /// Unpacks an archive into <c>profiles/&lt;id&gt;/</c> and its trials into the results store.
    /// <paramref name="currentMachineId"/> is this machine's hardware fingerprint
    /// (<see cref="Hardware.HardwareFingerprint.MachineId"/> of the machine it runs on); a different or unknown one is
    /// refused unless <paramref name="force"/>.
    /// </summary>
    public ProfileImport Import(string archiveFile, string? currentMachineId, bool force)
    {
        if (!File.Exists(archiveFile))
        {
            throw new JanTuneException($"profile archive not found: {archiveFile}");
        }

        ArchiveContents contents;
        using (var file = File.OpenRead(archiveFile))
        {
            contents = ReadArchive(file, archiveFile);
        }

        var (id, theirs, results) = (contents.Id, contents.MachineId, contents.Results);
        if (!force && (theirs is null || currentMachineId is null || !string.Equals(theirs, currentMachineId, StringComparison.Ordinal)))
        {
            throw new JanTuneException(
                $"profile '{id}' was measured on other hardware (its fingerprint {theirs ?? "unknown"}, this machine {currentMachineId ?? "unknown"}): its numbers would mislead here",
                "add --force to import it anyway (for reports or comparison)");
        }

        var writer = new AtomicFileWriter(time);
        var dir = Path.Combine(paths.ProfilesDir, id);
        foreach (var (name, bytes) in contents.Files)
        {
            writer.Write(Path.Combine(dir, name), bytes);
        }

        var added = 0;
        if (results.Count > 0)
        {
            using var store = ResultsStore.Open(paths);
            var now = time.GetUtcNow();
            added = results.Count(r => store.Append(r, now));
        }

        return new ProfileImport(id, added, results.Count - added, File.Exists(Path.Combine(dir, RecommendedConfig.FileName)));
    }

    private List<TrialResult> StoredTrials(string profileId)
    {
        if (!File.Exists(Path.Combine(paths.ResultsDir, "jantune.db")))
        {
            return [];
        }

        using var store = ResultsStore.Open(paths);
        return [.. store.Load(profileId)];
    }

    /// <summary>The machineId (or MachineId) property of a hardware.json, or null.</summary>
    public static string? MachineIdOf(byte[] hardwareJson)
    {
        var node = JsonNode.Parse(hardwareJson) as JsonObject;
        return (node?["machineId"] ?? node?["MachineId"]) is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(bytes);
    }

    /// <summary>
    /// Reads and checks an archive before anything is written: it comes from another machine, so any byte of it may be
    /// wrong. Every failure is a <see cref="JanTuneException"/> naming the archive (a broken zip, JSON or field).
    /// </summary>
    internal static ArchiveContents ReadArchive(Stream archive, string archiveFile)
    {
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            var id = JsonNode.Parse(Read(zip, "profile.json") ?? throw Bad(archiveFile, "profile.json"))?["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal))
            {
                throw Bad(archiveFile, "a valid profile id");
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in ProfileFiles.Append("results.json"))
            {
                if (Read(zip, name) is { } bytes)
                {
                    files[name] = bytes;
                }
            }

            var theirs = files.TryGetValue("hardware.json", out var hardware) ? MachineIdOf(hardware) : null;
            var results = files.TryGetValue("results.json", out var json)
                ? JsonSerializer.Deserialize<List<TrialResult>>(json, JsonTrialSource.Options) ?? []
                : [];
            if (results.Any(r => r is null || !string.Equals(r.ProfileId, id, StringComparison.Ordinal)))
            {
                throw new JanTuneException($"{archiveFile} holds trials of other profiles than {id}: its measurements would be filed under the wrong hardware", "export it again with `jantune profile export`");
            }

            if (files.TryGetValue(RecommendedConfig.FileName, out var recommended))
            {
                RecommendedConfig.Parse(recommended, $"{archiveFile}: {RecommendedConfig.FileName}"); // refuse a broken one before writing anything
            }

            return new ArchiveContents(id, theirs, results, files);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new JanTuneException($"{archiveFile} is not a valid JanTune profile archive: {ex.Message}", "export it again with `jantune profile export` on the machine that measured it");
        }
    }

    private static byte[]? Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        // A zip states its sizes; a hostile one can claim little and inflate to gigabytes, so the copy is capped too.
        if (entry.Length > MaxEntryBytes)
        {
            throw new JanTuneException($"{name} in the archive is {entry.Length} bytes, over the {MaxEntryBytes}-byte limit", "export it again with `jantune profile export`");
        }

        using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            if (copy.Length + n > MaxEntryBytes)
            {
                throw new JanTuneException($"{name} in the archive inflates past the {MaxEntryBytes}-byte limit", "export it again with `jantune profile export`");
            }

            copy.Write(buffer, 0, n);
        }

        return copy.ToArray();
    }

    private static JanTuneException Bad(string file, string missing) =>
        new($"{file} is not a JanTune profile archive (missing {missing})", "export it with `jantune profile export`");

    /// <summary>What a checked archive holds.</summary>
    internal sealed record ArchiveContents(string Id, string? MachineId, IReadOnlyList<TrialResult> Results, IReadOnlyDictionary<string, byte[]> Files);
}
