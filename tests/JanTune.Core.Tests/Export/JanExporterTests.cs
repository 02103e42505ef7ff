using System.Text.Json.Nodes;
using JanTune.Core.Export;
using JanTune.Core.Inference;
using JanTune.Core.Tests.Snapshots;

namespace JanTune.Core.Tests.Export;

/// <summary>
/// The export into a folder laid out as Jan's data folder is (janhq/jan: llamacpp/models/&lt;id&gt;/model.yml,
/// llamacpp/settings.json as an array of {key, controllerProps: {value}}), read back with Jan's key names.
/// </summary>
public sealed class JanExporterTests : IDisposable
{
    private const string JanSettings = """
        [
          { "key": "llamacpp_backend", "title": "Backend", "controllerType": "dropdown", "controllerProps": { "value": "b7000/linux-cuda-13-x64", "options": [] } },
          { "key": "threads", "title": "Threads", "controllerType": "input", "controllerProps": { "value": -1, "placeholder": "-1", "type": "number" } },
          { "key": "split_mode", "title": "GPU Split Mode", "controllerType": "dropdown", "controllerProps": { "value": "layer", "options": [ { "value": "none", "name": "None" }, { "value": "layer", "name": "Layer" }, { "value": "row", "name": "Row" } ] } },
          { "key": "no_mmap", "title": "Disable mmap", "controllerType": "checkbox", "controllerProps": { "value": false } }
        ]
        """;

    private readonly string _data = Directory.CreateTempSubdirectory("jantune-jan-").FullName;
    private readonly AtomicFileWriter _writer = new(new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 30, 5, TimeSpan.Zero)));

    private string SettingsPath => Path.Combine(_data, "llamacpp", "settings.json");

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Export_NewModel_WritesModelYmlJanReadsBackAsTheTunedValues()
    {
        var result = new JanExporter().Export(ExportFixture.Request, _data, _writer);

        var path = Path.Combine(_data, "llamacpp", "models", "tinyllama-1.1b-chat.q4-0", "model.yml");
        Assert.Equal([path], result.Files);
        var yml = File.ReadAllText(path);
        Snapshot.Verify("jan.model", "yml", yml);
        var back = YamlFormat.LenientDeserializer.Deserialize<JanModelYml>(yml);
        Assert.Equal(ExportFixture.Request.Config.ModelPath, back.ModelPath);
        Assert.Equal(ExportFixture.Request.ModelSizeBytes, back.SizeBytes);
        Assert.Equal(ExportFixture.Request.Sha256, back.ModelSha256);
        Assert.False(back.Embedding);
        Assert.Equal(23, back.NGpuLayers);
        Assert.Equal(8192, back.CtxSize);
        Assert.Equal(2048, back.BatchSize);
        Assert.Equal(512, back.UbatchSize);
        Assert.Equal("on", back.FlashAttn);
        Assert.Equal("q8_0", back.CacheTypeK);
        Assert.Equal("q8_0", back.CacheTypeV);
        Assert.Equal(1, back.Parallel);
        Assert.True(back.ContBatching);
        Assert.False(File.Exists(SettingsPath));
        Assert.Contains(result.Notes, n => n.StartsWith("engine-wide settings not written", StringComparison.Ordinal) && n.Contains("threads 2", StringComparison.Ordinal) && n.Contains("--engine-settings", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_ModelJanAlreadyHas_KeepsItsIdAndKeysAndBacksUpTheFile()
    {
        var dir = Path.Combine(_data, "llamacpp", "models", "huggingface", "tiny");
        Directory.CreateDirectory(dir);
        var gguf = Path.Combine(dir, "model.gguf");
        File.WriteAllText(gguf, "GGUF");
        const string Original = "model_path: llamacpp/models/huggingface/tiny/model.gguf\nname: Tiny\nsize_bytes: 4\nembedding: false\nembedding_check_v: 3\nchat_template: chatml\nctx_size: 4096\nflash_attn: off\n";
        File.WriteAllText(Path.Combine(dir, "model.yml"), Original);
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { ModelPath = gguf, FlashAttention = FlashAttention.Auto } };

        var result = new JanExporter().Export(request, _data, _writer);

        var path = Path.Combine(dir, "model.yml");
        Assert.Equal(path, result.Files[0]);
        Assert.Equal(Original, File.ReadAllText(Assert.Single(result.Backups)));
        var yml = File.ReadAllText(path);
        var back = YamlFormat.LenientDeserializer.Deserialize<JanModelYml>(yml);
        Assert.Equal("llamacpp/models/huggingface/tiny/model.gguf", back.ModelPath);
        Assert.Equal("Tiny", back.Name);
        Assert.Equal(8192, back.CtxSize);
        Assert.Null(back.FlashAttn);
        Assert.Contains("chat_template: chatml", yml, StringComparison.Ordinal);
        Assert.Contains("embedding_check_v: 3", yml, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(Path.Combine(_data, "llamacpp", "models")));
    }

    [Fact]
    public void Export_EngineSettings_UpdatesJansSettingsInPlaceWithABackup()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, JanSettings);

        var result = new JanExporter().Export(ExportFixture.Request with { EngineSettings = true }, _data, _writer);

        Assert.Contains(SettingsPath, result.Files);
        Assert.Contains(SettingsPath + ".bak-20261122103005", result.Backups);
        Assert.Equal(JanSettings, File.ReadAllText(SettingsPath + ".bak-20261122103005"));
        var array = JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsArray();
        JsonNode Value(string key) => array.Single(e => e!["key"]!.GetValue<string>() == key)!["controllerProps"]!["value"]!;
        Assert.Equal(2, Value("threads").GetValue<int>());
        Assert.Equal(2, Value("threads_batch").GetValue<int>());
        Assert.True(Value("no_mmap").GetValue<bool>());
        Assert.False(Value("mlock").GetValue<bool>());
        Assert.Equal("CUDA0", Value("device").GetValue<string>());
        Assert.Equal("layer", Value("split_mode").GetValue<string>());
        Assert.Equal(0, Value("main_gpu").GetValue<int>());
        Assert.Equal(string.Empty, Value("tensor_split").GetValue<string>());
        Assert.Equal("b7000/linux-cuda-13-x64", Value("llamacpp_backend").GetValue<string>());
        Assert.Equal("Threads", array.Single(e => e!["key"]!.GetValue<string>() == "threads")!["title"]!.GetValue<string>());
        Assert.Equal(3, array.Single(e => e!["key"]!.GetValue<string>() == "split_mode")!["controllerProps"]!["options"]!.AsArray().Count);
    }

    [Fact]
    public void Export_SettingsJanCannotExpress_AreReportedNotDropped()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, JanSettings);
        var request = ExportFixture.Request with
        {
            EngineSettings = true,
            Config = ExportFixture.Request.Config with { WeightRepack = false, SplitMode = SplitMode.Tensor, TensorSplit = "3,1" },
        };

        var result = new JanExporter().Export(request, _data, _writer);

        Assert.Contains(result.Notes, n => n.StartsWith("weight repack off is not applied", StringComparison.Ordinal) && n.Contains("LLAMA*", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("split mode tensor is not written", StringComparison.Ordinal));
        var array = JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsArray();
        Assert.Equal("layer", array.Single(e => e!["key"]!.GetValue<string>() == "split_mode")!["controllerProps"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Export_SettingsFileNotAnArray_RefusesToOverwriteIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, "{\"threads\": 4}");

        var ex = Assert.Throws<JanTuneException>(() => new JanExporter().Export(ExportFixture.Request with { EngineSettings = true }, _data, _writer));

        Assert.Contains("not a JSON array", ex.Message, StringComparison.Ordinal);
        Assert.Equal("{\"threads\": 4}", File.ReadAllText(SettingsPath));
    }
}
