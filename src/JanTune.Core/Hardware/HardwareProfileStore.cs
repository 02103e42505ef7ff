using System.Text.Json;

namespace JanTune.Core.Hardware;

/// <summary>
/// Reads and writes <c>profiles/&lt;id&gt;/hardware.json</c> under <see cref="JanTunePaths.ProfilesDir"/>.
/// Writes go to a temporary file that is then moved over the target, so a crash never leaves half a profile.
/// </summary>
public sealed class HardwareProfileStore(JanTunePaths paths, TimeProvider? time = null)
{
    private const string FileName = "hardware.json";
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Path of the hardware.json of profile <paramref name="id"/>.</summary>
    public string PathFor(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new JanTuneException($"'{id}' is not a profile id", "profile ids are lowercase letters, digits and dashes; see `jantune hw`");
        }

        return Path.Combine(paths.ProfilesDir, id, FileName);
    }

    /// <summary>The stored profile, or null when there is none.</summary>
    public HardwareProfile? Load(string id)
    {
        var path = PathFor(id);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Every readable profile in the workspace.</summary>
    public IReadOnlyList<HardwareProfile> LoadAll()
    {
        if (!Directory.Exists(paths.ProfilesDir))
        {
            return [];
        }

        return Directory.EnumerateDirectories(paths.ProfilesDir)
            .Select(dir => Path.Combine(dir, FileName))
            .Where(File.Exists)
            .Select(Read)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes <paramref name="profile"/> atomically, replacing any previous file.</summary>
    public void Save(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var path = PathFor(profile.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        DiskErrors.Guard(path, "the hardware profile", () =>
        {
            try
            {
                File.WriteAllText(temp, JsonSerializer.Serialize(profile, HardwareJson.Options) + "\n");
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        });
    }

    /// <summary>
    /// Finds or creates the profile of <paramref name="hardware"/>. An existing hardware.json is kept as first written
    /// (results refer to it). When this machine already has a profile under another llama.cpp build,
    /// <see cref="ProfileRegistration.BuildChanged"/> says so.
    /// </summary>
    public ProfileRegistration Register(HardwareInfo hardware)
    {
        var current = HardwareProfile.From(hardware, _time.GetUtcNow());
        var existing = Load(current.Id);
        if (existing is null)
        {
            Save(current);
        }

        var profile = existing ?? current;
        return new ProfileRegistration(profile, existing is null, FindBuildChange(profile));
    }

    /// <summary>
    /// A profile named by the user (<c>--profile</c>) rather than by the fingerprint still records the machine it was
    /// measured on: the first registration writes hardware.json under that name, later ones keep it.
    /// </summary>
    public HardwareProfile RegisterAs(string id, Func<HardwareInfo> detect)
    {
        ArgumentNullException.ThrowIfNull(detect);
        if (Load(id) is { } existing)
        {
            return existing;
        }

        var profile = HardwareProfile.From(detect(), _time.GetUtcNow()) with { Id = id };
        Save(profile);
        return profile;
    }

    private BuildChange? FindBuildChange(HardwareProfile current)
    {
        if (current.LlamaBuild is null)
        {
            return null;
        }

        var previous = LoadAll()
            .Where(p => p.Id != current.Id && p.MachineId == current.MachineId && p.LlamaBuild is not null && p.LlamaBuild != current.LlamaBuild)
            .OrderByDescending(p => p.DetectedAt)
            .FirstOrDefault();
        return previous is null ? null : new BuildChange(previous.Id, previous.LlamaBuild!, current.LlamaBuild);
    }

    private static HardwareProfile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<HardwareProfile>(File.ReadAllText(path), HardwareJson.Options)
                ?? throw new JanTuneException($"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new JanTuneException($"{path} is not a valid hardware profile: {ex.Message}", "delete the file; `jantune hw` writes it again", ex);
        }
    }
}
