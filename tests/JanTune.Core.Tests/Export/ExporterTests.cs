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
    public void Export_Cortex_RoundTripsThroughYamlDotNet()
    {
        var file = new CortexExporter().Export(ExportFixture.Request, _dir, _writer).Files.Single();

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
        var file = new LlamaServerExporter().Export(ExportFixture.Request, _dir, _writer).Files.Single();

        var sh = File.ReadAllText(file);
        Snapshot.Verify("llama-server", "sh", sh);
        var line = sh.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        var args = line.Split(' ');
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        Assert.Equal("23", Flag("-ngl"));
        Assert.Equal("2", Flag("-tb"));
        Assert.Equal("8192", Flag("-c"));
        Assert.Equal("1", Flag("-np"));
        Assert.Equal("off", Flag("--fit"));
        Assert.Equal("none", Flag("--load-mode"));
        Assert.Equal("512", Flag("-ub"));
        Assert.Equal("on", Flag("-fa"));
        Assert.Equal("q8_0", Flag("-ctv"));
        Assert.Equal("127.0.0.1", Flag("--host"));
        Assert.Contains("-no-kvu", args);
        Assert.DoesNotContain("--no-mmap", args);
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
        var file = new OllamaExporter().Export(ExportFixture.Request, _dir, _writer).Files.Single();

        var text = File.ReadAllText(file);
        Snapshot.Verify("ollama", "Modelfile", text);
        var parameters = text.Split('\n').Where(l => l.StartsWith("PARAMETER ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 3)).GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);
        Assert.Contains("FROM /models/tinyllama-1.1b-chat.Q4_0.gguf", text, StringComparison.Ordinal);
        Assert.Equal("8192", parameters["num_ctx"]);
        Assert.Equal("23", parameters["num_gpu"]);
        Assert.Equal("2", parameters["num_thread"]);
        Assert.Equal("512", parameters["num_batch"]);
        Assert.Equal("false", parameters["use_mmap"]);
        Assert.Contains("# env: OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 OLLAMA_NUM_PARALLEL=1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerEnvironment_FlashAuto_LeavesOllamaFlashAttentionUnset()
    {
        var auto = ExportFixture.Request with { Config = ExportFixture.Request.Config with { FlashAttention = FlashAttention.Auto } };
        var off = ExportFixture.Request with { Config = ExportFixture.Request.Config with { FlashAttention = FlashAttention.Off } };

        Assert.DoesNotContain(OllamaExporter.ServerEnvironment(auto), e => e.Key == "OLLAMA_FLASH_ATTENTION");
        Assert.Contains(new KeyValuePair<string, string>("OLLAMA_FLASH_ATTENTION", "0"), OllamaExporter.ServerEnvironment(off));
    }

    [Fact]
    public void LlamaServerArguments_FourSlots_GivesEachSlotTheTunedContext()
    {
        var args = LlamaServerExporter.Arguments(ExportFixture.Request with { Parallel = 4 }).ToList();

        Assert.Equal("32768", args[args.IndexOf("-c") + 1]);
        Assert.Equal("4", args[args.IndexOf("-np") + 1]);
        Assert.Contains("-no-kvu", args);
    }

    [Fact]
    public void Export_NotExpressibleSettings_AreReportedPerFormat()
    {
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { WeightRepack = false, SplitMode = SplitMode.Tensor, TensorSplit = "1,1" } };

        var ollama = new OllamaExporter().Export(request, _dir, _writer).Notes;
        var cortex = new CortexExporter().Export(request, _dir, _writer).Notes;

        Assert.Contains(ollama, n => n.Contains("weight repack off is not applied", StringComparison.Ordinal));
        Assert.Contains(ollama, n => n.Contains("split tensor 1,1 is not applied", StringComparison.Ordinal));
        Assert.Contains(ollama, n => n.Contains("batch 2048 is not kept", StringComparison.Ordinal));
        Assert.Contains(cortex, n => n.Contains("#2209", StringComparison.Ordinal));
        Assert.Contains("--no-repack", LlamaServerExporter.Arguments(request));
    }

    [Fact]
    public void Export_ExistingModelYmlWithOtherContent_IsBackedUpBeforeReplacement()
    {
        Directory.CreateDirectory(_dir);
        var target = Path.Combine(_dir, "model.yml");
        File.WriteAllText(target, "name: my hand-tuned model\n");

        var result = new CortexExporter().Export(ExportFixture.Request, _dir, _writer);

        var backup = target + ".bak-20261122103005";
        Assert.Equal([backup], result.Backups);
        Assert.True(File.Exists(backup));
        Assert.Equal("name: my hand-tuned model\n", File.ReadAllText(backup));
        Assert.Contains("ctx_len:", File.ReadAllText(target), StringComparison.Ordinal);
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
