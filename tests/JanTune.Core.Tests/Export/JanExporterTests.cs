using System.Text.Json.Nodes;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
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

    /// <summary>Writes settings.json as Jan keeps it, with these keys and values.</summary>
    private void WriteSettings(params (string Key, JsonNode Value)[] settings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        var array = new JsonArray([.. settings.Select(s => new JsonObject { ["key"] = s.Key, ["title"] = s.Key, ["controllerProps"] = new JsonObject { ["value"] = s.Value } })]);
        File.WriteAllText(SettingsPath, array.ToJsonString());
    }

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

        var result = new JanExporter().Export(ExportFixture.Request with { EngineSettings = true, GpuDevices = ["CUDA0"] }, _data, _writer);

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
    public void Export_EngineWideValuesWinOverTunedDefaults_NotesNameEachKeyBothValuesAndTheFix()
    {
        // Given Jan's engine-wide settings differ from a tuning that kept llama.cpp's defaults (batch 2048, ubatch 512,
        // f16 KV, flash attention auto), and Jan's continuous batching is off (its settings.json default)
        WriteSettings(("batch_size", 4096), ("ubatch_size", 1024), ("cache_type_k", "q8_0"), ("cache_type_v", "q4_0"), ("flash_attn", "off"), ("n_cpu_moe", 4), ("cont_batching", false));
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { CacheType = GgmlType.F16, FlashAttention = FlashAttention.Auto } };

        // When it is exported without --engine-settings
        var result = new JanExporter().Export(request, _data, _writer);

        // Then each key preset.ts leaves to the engine-wide value is named with both values and how to fix it
        string Note(string key) => Assert.Single(result.Notes, n => n.StartsWith(key + ": Jan's engine-wide", StringComparison.Ordinal));
        Assert.Contains("batch_size 4096", Note("batch_size"), StringComparison.Ordinal);
        Assert.Contains("instead of the tuned 2048", Note("batch_size"), StringComparison.Ordinal);
        Assert.Contains("--engine-settings", Note("batch_size"), StringComparison.Ordinal);
        Assert.Contains("set uBatch Size to 512", Note("ubatch_size"), StringComparison.Ordinal);
        Assert.Contains("cache_type_k \"q8_0\"", Note("cache_type_k"), StringComparison.Ordinal);
        Assert.Contains("cache_type_v \"q4_0\"", Note("cache_type_v"), StringComparison.Ordinal);
        Assert.Contains("instead of the tuned \"auto\"", Note("flash_attn"), StringComparison.Ordinal);
        Assert.Contains("remove n_cpu_moe", Note("n_cpu_moe"), StringComparison.Ordinal);
        Assert.Contains("cont-batching only as false", Note("cont_batching"), StringComparison.Ordinal);
        Assert.Contains("set Continuous Batching to true", Note("cont_batching"), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_EngineSettingsWithOverridingEngineValues_WritesTheKeysJanDefinesAndReportsTheRest()
    {
        // Given Jan's engine-wide batch, flash attention, continuous batching and n_cpu_moe override a tuning at llama.cpp's defaults
        WriteSettings(("batch_size", 4096), ("flash_attn", "off"), ("cont_batching", false), ("n_cpu_moe", 4), ("ubatch_size", 512));
        var request = ExportFixture.Request with { EngineSettings = true, Config = ExportFixture.Request.Config with { FlashAttention = FlashAttention.Auto } };

        // When it is exported with --engine-settings
        var result = new JanExporter().Export(request, _data, _writer);

        // Then the keys Jan's settings.json defines get the tuned value, so llama.cpp's default reaches the model ...
        var array = JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsArray();
        JsonNode Value(string key) => array.Single(e => e!["key"]!.GetValue<string>() == key)!["controllerProps"]!["value"]!;
        Assert.Equal(2048, Value("batch_size").GetValue<int>());
        Assert.Equal("auto", Value("flash_attn").GetValue<string>());
        Assert.True(Value("cont_batching").GetValue<bool>());
        Assert.Equal(512, Value("ubatch_size").GetValue<int>());
        Assert.Contains(result.Notes, n => n.StartsWith("batch_size set to 2048 engine-wide (it was 4096)", StringComparison.Ordinal));
        Assert.Contains(SettingsPath + ".bak-20261122103005", result.Backups);

        // ... and n_cpu_moe, which Jan's settings.json does not define, is left alone and reported
        Assert.Equal(4, Value("n_cpu_moe").GetValue<int>());
        Assert.Contains(result.Notes, n => n.StartsWith("n_cpu_moe: Jan's engine-wide n_cpu_moe 4", StringComparison.Ordinal) && n.Contains("does not write n_cpu_moe", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Notes, n => n.StartsWith("ubatch_size", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_TensorSplitOverTwoGpus_WritesTheDeviceListJanAccepts()
    {
        // Given a tuned row split 3,1 over two CUDA GPUs
        WriteSettings(("device", ""));
        var request = ExportFixture.Request with { EngineSettings = true, Config = ExportFixture.Request.Config with { SplitMode = SplitMode.Row, TensorSplit = "3,1" } };

        // When it is exported with --engine-settings
        new JanExporter().Export(request, _data, _writer);

        // Then Jan's device setting lists both GPUs, not only the first
        var array = JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsArray();
        Assert.Equal("CUDA0,CUDA1", array.Single(e => e!["key"]!.GetValue<string>() == "device")!["controllerProps"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Export_LayerSplitOnAMultiGpuProfile_ListsEveryGpuAndUnknownGpusAreReported()
    {
        // Given the default layer split, once on a profile with two GPUs and once with the GPU list unknown
        var known = ExportFixture.Request with { GpuDevices = ["CUDA0", "CUDA1"] };

        // When the engine values are computed
        var notes = new List<string>();
        var values = JanExporter.EngineValues(known, notes);
        var unknownNotes = new List<string>();
        var unknown = JanExporter.EngineValues(ExportFixture.Request, unknownNotes);

        // Then the two-GPU profile gets both devices, and the unknown one no device key but a note saying what to set
        Assert.Equal("CUDA0,CUDA1", values.Single(v => v.Key == "device").Value.GetValue<string>());
        Assert.DoesNotContain(unknown, v => v.Key == "device");
        Assert.Contains(unknownNotes, n => n.StartsWith("device is not written", StringComparison.Ordinal) && n.Contains("CUDA0,CUDA1", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_ExistingModelYmlWithLoadKeysJanTuneDoesNotTune_NotesTheKeptKeys()
    {
        // Given a model Jan already has, with an override_tensor and no_kv_offload of the user's
        var dir = Path.Combine(_data, "llamacpp", "models", "tiny");
        Directory.CreateDirectory(dir);
        var gguf = Path.Combine(dir, "model.gguf");
        File.WriteAllText(gguf, "GGUF");
        File.WriteAllText(Path.Combine(dir, "model.yml"), "model_path: llamacpp/models/tiny/model.gguf\nname: Tiny\noverride_tensor: blk\\.0\\.ffn_up=CPU\nno_kv_offload: true\nchat_template: chatml\n");
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { ModelPath = gguf } };

        // When it is exported
        var result = new JanExporter().Export(request, _data, _writer);

        // Then the keys are kept and a note lists them with their values
        var yml = File.ReadAllText(result.Files[0]);
        Assert.Contains("no_kv_offload: true", yml, StringComparison.Ordinal);
        var note = Assert.Single(result.Notes, n => n.StartsWith("kept from the existing", StringComparison.Ordinal));
        Assert.Contains("override_tensor blk\\.0\\.ffn_up=CPU, no_kv_offload true", note, StringComparison.Ordinal);
        Assert.DoesNotContain("chat_template", note, StringComparison.Ordinal);
        Assert.DoesNotContain(new JanExporter().Export(ExportFixture.Request, _data, _writer).Notes, n => n.StartsWith("kept from", StringComparison.Ordinal));
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
