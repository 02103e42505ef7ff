using JanTune.Core.Hardware;
using static JanTune.Core.Tests.Hardware.HardwareFixtures;

namespace JanTune.Core.Tests.Hardware;

public sealed class HardwareProfileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jantune-hw-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsEveryField()
    {
        var store = new HardwareProfileStore(new JanTunePaths(_root));
        var profile = HardwareProfile.From(Machine(backends: [Cpu(), Cuda()]), new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

        store.Save(profile);
        var loaded = store.Load(profile.Id)!;

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(profile, HardwareJson.Options),
            System.Text.Json.JsonSerializer.Serialize(loaded, HardwareJson.Options));
        Assert.Equal(profile.Hardware.Backends[1].Devices[0], loaded.Hardware.Backends[1].Devices[0]);
        Assert.True(File.Exists(Path.Combine(_root, "profiles", profile.Id, "hardware.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "profiles", profile.Id), "*.tmp"));
    }

    [Fact]
    public void Register_SameMachineTwice_CreatesOnceWithoutWarning()
    {
        var store = new HardwareProfileStore(new JanTunePaths(_root));

        var first = store.Register(Machine(backends: [Cpu()]));
        var second = store.Register(Machine(backends: [Cpu()]));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Profile.Id, second.Profile.Id);
        Assert.Null(second.BuildChanged);
    }

    [Fact]
    public void Register_NewLlamaBuild_NewProfileAndBuildChanged()
    {
        var store = new HardwareProfileStore(new JanTunePaths(_root));
        var old = store.Register(Machine(backends: [Cpu("b6000")]));

        var current = store.Register(Machine(backends: [Cpu("b6100")]));

        Assert.NotEqual(old.Profile.Id, current.Profile.Id);
        Assert.Equal(new BuildChange(old.Profile.Id, "b6000", "b6100"), current.BuildChanged);
    }

    [Fact]
    public void RegisterAs_NamedProfile_RecordsTheMachineOnceUnderThatName()
    {
        var store = new HardwareProfileStore(new JanTunePaths(_root));
        var detections = 0;

        var first = store.RegisterAs("grid-1b", () => { detections++; return Machine(backends: [Cpu()]); });
        var second = store.RegisterAs("grid-1b", () => { detections++; return Machine(backends: [Cpu("b9999")]); });

        Assert.Equal("grid-1b", first.Id);
        Assert.Equal(1, detections);
        Assert.Equal((first.Id, first.MachineId, first.LlamaBuild), (second.Id, second.MachineId, second.LlamaBuild));
        var stored = store.Load("grid-1b");
        Assert.NotNull(stored);
        Assert.Equal((first.Id, first.MachineId, first.LlamaBuild, first.DetectedAt), (stored.Id, stored.MachineId, stored.LlamaBuild, stored.DetectedAt));
        Assert.Throws<JanTuneException>(() => store.RegisterAs("../x", () => Machine(backends: [Cpu()])));
    }

    [Fact]
    public void PathFor_IdWithPathSeparators_Throws()
    {
        var store = new HardwareProfileStore(new JanTunePaths(_root));

        Assert.Throws<JanTuneException>(() => store.PathFor("../etc"));
    }
}
