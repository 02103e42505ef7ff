using JanTune.Core.Export;

namespace JanTune.Core.Tests.Export;

public sealed class JanDataFolderTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("jantune-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Resolve_JanDataFolderVariable_Wins()
    {
        Assert.Equal("/srv/jan", JanDataFolder.Resolve(v => v == "JAN_DATA_FOLDER" ? "/srv/jan" : null, _home));
    }

    [Fact]
    public void Resolve_NoConfiguration_IsTheDefaultUnderTheDataDir()
    {
        var expected = OperatingSystem.IsLinux() ? Path.Combine(_home, ".local", "share", "Jan", "data") : null;

        var folder = JanDataFolder.Resolve(_ => null, _home);

        Assert.Equal(expected ?? folder, folder);
        Assert.Null(JanDataFolder.Find(_ => null, _home));
    }

    [Fact]
    public void Find_AppConfigurationNamesAnExistingFolder_ReturnsIt()
    {
        var data = Directory.CreateDirectory(Path.Combine(_home, "elsewhere", "jan")).FullName;
        var dataDir = OperatingSystem.IsMacOS() ? Path.Combine(_home, "Library", "Application Support") : Path.Combine(_home, "xdg");
        var config = Directory.CreateDirectory(Path.Combine(dataDir, "Jan")).FullName;
        File.WriteAllText(Path.Combine(config, "settings.json"), $$"""{"data_folder": "{{data}}", "quick_ask": false}""");

        var found = JanDataFolder.Find(v => v is "XDG_DATA_HOME" or "APPDATA" ? dataDir : null, _home);

        Assert.Equal(data, found);
    }
}
