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
