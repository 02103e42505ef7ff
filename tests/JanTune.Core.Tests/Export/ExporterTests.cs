using System.Text.Json;
using JanTune.Core.Export;
using JanTune.Core.Inference;
using JanTune.Core.Tests.Snapshots;

namespace JanTune.Core.Tests.Export;

public sealed class ExporterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jantune-export-" + Guid.NewGuid().ToString("N"));
    private readonly AtomicFileWriter _writer = new(new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 30, 5, TimeSpan.Zero)));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Export_Jan_WritesModelYmlAndSettingsThatRoundTrip()
    {
        var files = new JanExporter().Export(ExportFixture.Request, _dir, _writer);

        var yml = File.ReadAllText(files[0]);
        var json = File.ReadAllText(files[1]);
        Snapshot.Verify("jan.model", "yml", yml);
        Snapshot.Verify("jan.llamacpp-settings", "json", json);
        var model = YamlFormat.Deserializer.Deserialize<JanModelYml>(yml);
        Assert.Equal(ExportFixture.Request.Config.ModelPath, model.ModelPath);
        Assert.Equal(ExportFixture.Request.ModelSizeBytes, model.SizeBytes);
        Assert.False(model.Embedding);
        var settings = JsonSerializer.Deserialize<JanLlamacppSettings>(json)!;
        Assert.Equal(23, settings.NGpuLayers);
        Assert.Equal(8192, settings.CtxSize);
        Assert.Equal("on", settings.FlashAttn);
        Assert.Equal("q8_0", settings.CacheTypeK);
        Assert.Equal("CUDA0", settings.Device);
    }

    [Fact]
    public void Export_Cortex_RoundTripsThroughYamlDotNet()
    {
        var file = new CortexExporter().Export(ExportFixture.Request, _dir, _writer).Single();

        var yml = File.ReadAllText(file);
        Snapshot.Verify("cortex.model", "yml", yml);
        var back = YamlFormat.Deserializer.Deserialize<CortexModelYml>(yml);
        Assert.Equal("tinyllama-1.1b-chat.q4-0", back.Id);
        Assert.Equal("llama-cpp", back.Engine);
        Assert.Equal(8192, back.CtxLen);
        Assert.Equal(23, back.Ngl);
        Assert.Equal(2, back.CpuThreads);
        Assert.Equal(["</s>"], back.Stop);
        Assert.Equal(0.95, back.TopP);
        Assert.Equal(yml, YamlFormat.Serializer.Serialize(back));
    }

    [Fact]
    public void Export_LlamaServer_ScriptCarriesTheExactFlags()
    {
        var file = new LlamaServerExporter().Export(ExportFixture.Request, _dir, _writer).Single();

        var sh = File.ReadAllText(file);
        Snapshot.Verify("llama-server", "sh", sh);
        var line = sh.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        var args = line.Split(' ');
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        Assert.Equal("23", Flag("-ngl"));
        Assert.Equal("2", Flag("-tb"));
        Assert.Equal("8192", Flag("-c"));
        Assert.Equal("512", Flag("-ub"));
        Assert.Equal("on", Flag("-fa"));
        Assert.Equal("q8_0", Flag("-ctv"));
        Assert.Equal("127.0.0.1", Flag("--host"));
        Assert.Contains("--no-mmap", args);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void LlamaServerArguments_MultiGpuSplit_IsPassedOnlyWhenNotTheDefault()
    {
        var plain = LlamaServerExporter.Arguments(ExportFixture.Request);
        Assert.DoesNotContain("-sm", plain);
        Assert.DoesNotContain("-ts", plain);

        var split = ExportFixture.Request with { Config = ExportFixture.Request.Config with { SplitMode = SplitMode.Row, TensorSplit = "3,1" } };
        var args = LlamaServerExporter.Arguments(split).ToList();
        Assert.Equal("row", args[args.IndexOf("-sm") + 1]);
        Assert.Equal("3,1", args[args.IndexOf("-ts") + 1]);
    }

    [Fact]
    public void Export_Ollama_ModelfileParametersParseBack()
    {
        var file = new OllamaExporter().Export(ExportFixture.Request, _dir, _writer).Single();

        var text = File.ReadAllText(file);
        Snapshot.Verify("ollama", "Modelfile", text);
        var parameters = text.Split('\n').Where(l => l.StartsWith("PARAMETER ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 3)).GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);
        Assert.Contains("FROM /models/tinyllama-1.1b-chat.Q4_0.gguf", text, StringComparison.Ordinal);
        Assert.Equal("8192", parameters["num_ctx"]);
        Assert.Equal("23", parameters["num_gpu"]);
        Assert.Equal("2", parameters["num_thread"]);
        Assert.Equal("512", parameters["num_batch"]);
    }

    [Fact]
    public void Export_ExistingModelYmlWithOtherContent_IsBackedUpBeforeReplacement()
    {
        Directory.CreateDirectory(_dir);
        var target = Path.Combine(_dir, "model.yml");
        File.WriteAllText(target, "name: my hand-tuned model\n");

        new JanExporter().Export(ExportFixture.Request, _dir, _writer);

        var backup = target + ".bak-20261122103005";
        Assert.True(File.Exists(backup));
        Assert.Equal("name: my hand-tuned model\n", File.ReadAllText(backup));
        Assert.Contains("model_path:", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_SameContentTwice_MakesNoBackup()
    {
        new CortexExporter().Export(ExportFixture.Request, _dir, _writer);
        new CortexExporter().Export(ExportFixture.Request, _dir, _writer);

        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Get_UnknownFormat_ThrowsWithTheKnownOnes()
    {
        var ex = Assert.Throws<JanTuneException>(() => ConfigExporters.Get("lmstudio"));
        Assert.Contains("llama-server", ex.Hint, StringComparison.Ordinal);
    }
}
