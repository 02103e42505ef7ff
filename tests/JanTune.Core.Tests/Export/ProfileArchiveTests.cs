using JanTune.Core.Export;
using JanTune.Core.Tests.Modeling;

namespace JanTune.Core.Tests.Export;

public sealed class ProfileArchiveTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jantune-profile-" + Guid.NewGuid().ToString("N"));
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Import_SameMachine_RestoresFilesAndBacksUpLocalOnes()
    {
        var source = new JanTunePaths(Path.Combine(_root, "a"));
        var target = new JanTunePaths(Path.Combine(_root, "b"));
        Write(source, "x64-2c-8g-cpu-abc", "m1");
        var archive = new ProfileArchive(source, _time).Export("x64-2c-8g-cpu-abc", Path.Combine(_root, "p.jtprofile"), [.. SimulatedMachine.Cpu().MeasureAll(SimulatedMachine.CpuGrid().Take(2)).Select(t => t with { ProfileId = "x64-2c-8g-cpu-abc" })]);
        Directory.CreateDirectory(Path.Combine(target.ProfilesDir, "x64-2c-8g-cpu-abc"));
        File.WriteAllText(Path.Combine(target.ProfilesDir, "x64-2c-8g-cpu-abc", "perf-model.json"), "{\"local\":true}");

        var id = new ProfileArchive(target, _time).Import(archive, "m1", force: false).Id;

        var dir = Path.Combine(target.ProfilesDir, id);
        Assert.Equal("{\"profileId\":\"x64-2c-8g-cpu-abc\"}", File.ReadAllText(Path.Combine(dir, "perf-model.json")));
        Assert.Equal("{\"local\":true}", File.ReadAllText(Path.Combine(dir, "perf-model.json.bak-20261122100000")));
        Assert.True(File.Exists(Path.Combine(dir, "results.json")));
        using var store = Storage.ResultsStore.Open(target);
        Assert.Equal(4, store.Load(id).Count); // the trials reach the results store, where recommend reads them
    }

    /// <summary>
    /// Archives from elsewhere, broken the ways the profile-archive fuzz target (scripts/fuzz.sh) exercises: before the
    /// fix these escaped as InvalidDataException, InvalidOperationException or JsonException, i.e. a stack trace.
    /// </summary>
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("{\"id\":5}", null, null)]
    [InlineData("{", null, null)]
    [InlineData("{\"id\":\"p1\"}", "{\"machineId\":7}", null)]
    [InlineData("{\"id\":\"p1\"}", "{\"machineId\":\"m1\"}", "[1,")]
    [InlineData("{\"id\":\"p1\"}", "{\"machineId\":\"m1\"}", "[null]")]
    public void Import_HostileArchive_ThrowsJanTuneExceptionAndWritesNothing(string? profileJson, string? hardwareJson, string? resultsJson)
    {
        // Given an archive that is not a zip (all null) or holds broken JSON
        var file = Path.Combine(_root, "bad.jtprofile");
        Directory.CreateDirectory(_root);
        if (profileJson is null)
        {
            File.WriteAllText(file, "this is not a zip");
        }
        else
        {
            using var zip = System.IO.Compression.ZipFile.Open(file, System.IO.Compression.ZipArchiveMode.Create);
            foreach (var (name, text) in new[] { ("profile.json", profileJson), ("hardware.json", hardwareJson), ("results.json", resultsJson) })
            {
                if (text is not null)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                    writer.Write(text);
                }
            }
        }

        // When it is imported on machine m1
        var target = new JanTunePaths(Path.Combine(_root, "b"));
        var ex = Assert.Throws<JanTuneException>(() => new ProfileArchive(target, _time).Import(file, "m1", force: false));

        // Then the error names the archive (or, for an unreadable fingerprint, refuses it as other hardware) and nothing was written
        Assert.True(ex.Message.Contains(file, StringComparison.Ordinal) || ex.Message.Contains("other hardware", StringComparison.Ordinal), ex.Message);
        Assert.False(Directory.Exists(target.ProfilesDir));
    }

    [Fact]
    public void Import_OtherHardware_RefusedUnlessForced()
    {
        var source = new JanTunePaths(Path.Combine(_root, "a"));
        Write(source, "p1", "m1");
        var archive = new ProfileArchive(source, _time).Export("p1", Path.Combine(_root, "p.jtprofile"), []);
        var target = new ProfileArchive(new JanTunePaths(Path.Combine(_root, "b")), _time);

        var ex = Assert.Throws<JanTuneException>(() => target.Import(archive, "m2", force: false));
        Assert.Contains("--force", ex.Hint, StringComparison.Ordinal);
        Assert.Equal("p1", target.Import(archive, "m2", force: true).Id);
    }

    private static void Write(JanTunePaths paths, string id, string machineId)
    {
        var dir = Path.Combine(paths.ProfilesDir, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "hardware.json"), $"{{\"id\":\"{id}\",\"machineId\":\"{machineId}\"}}");
        File.WriteAllText(Path.Combine(dir, "perf-model.json"), $"{{\"profileId\":\"{id}\"}}");
    }
}
