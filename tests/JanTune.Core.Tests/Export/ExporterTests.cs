using JanTune.Core.Export;
using JanTune.Core.Gguf;
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
    public void Export_OllamaThreadsBatchDiffersFromThreads_IsReportedWithNoEnvironmentRoute()
    {
        // Given a tuning with 4 prompt threads and 2 generation threads
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { Threads = 2, ThreadsBatch = 4 } };

        // When it is exported for Ollama
        var notes = new OllamaExporter().Export(request, _dir, _writer).Notes;

        // Then the note says Ollama passes only -t, and that -tb has no LLAMA_ARG_* variable to reach it
        var note = Assert.Single(notes, n => n.StartsWith("threads_batch 4 is not applied", StringComparison.Ordinal));
        Assert.Contains("only -t (num_thread 2)", note, StringComparison.Ordinal);
        Assert.Contains("no LLAMA_ARG_* environment variable", note, StringComparison.Ordinal);
        Assert.DoesNotContain(new OllamaExporter().Export(ExportFixture.Request, _dir, _writer).Notes, n => n.StartsWith("threads_batch", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_OllamaVCacheTypeDiffersFromK_ReportsThatVGetsKsType()
    {
        // Given K q8_0 and V q4_0
        var request = ExportFixture.Request with { Config = ExportFixture.Request.Config with { CacheTypeV = GgmlType.Q4_0 } };

        // When it is exported for Ollama
        var notes = new OllamaExporter().Export(request, _dir, _writer).Notes;

        // Then OLLAMA_KV_CACHE_TYPE carries K, and the note says Ollama uses q8_0 for V too
        Assert.Contains(new KeyValuePair<string, string>("OLLAMA_KV_CACHE_TYPE", "q8_0"), OllamaExporter.ServerEnvironment(request));
        Assert.Contains(notes, n => n.StartsWith("V cache type q4_0 is not applied", StringComparison.Ordinal) && n.Contains("uses q8_0 for V too", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_OllamaContextZero_WritesTheTrainedContextOrOmitsNumCtxWithANote()
    {
        // Given context 0 (the model's trained context), once with the trained context known and once not
        var config = ExportFixture.Request.Config with { ContextSize = 0 };
        var known = ExportFixture.Request with { Config = config, TrainedContext = 2048 };
        var unknown = ExportFixture.Request with { Config = config };

        // When they are exported for Ollama
        var knownNotes = new OllamaExporter().Export(known, _dir, _writer).Notes;
        var unknownNotes = new OllamaExporter().Export(unknown, _dir, _writer).Notes;

        // Then num_ctx is never 0: the trained context, or absent and reported
        Assert.Contains(new KeyValuePair<string, string>("num_ctx", "2048"), OllamaExporter.Parameters(known));
        Assert.DoesNotContain(OllamaExporter.Parameters(unknown), p => p.Key == "num_ctx");
        Assert.Contains(knownNotes, n => n.Contains("written as num_ctx 2048", StringComparison.Ordinal));
        Assert.Contains(unknownNotes, n => n.StartsWith("context 0 (the model's trained context) is not written", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_EveryFormat_SaysWhichBackendBuildTheTunedConfigNeeds()
    {
        // Given a configuration measured on the cuda backend
        var request = ExportFixture.Request;

        // When it is exported in every format that runs a llama.cpp build of its own
        IConfigExporter[] exporters = [new LlamaServerExporter(), new OllamaExporter(), new LlamaSharpExporter(), new CortexExporter()];
        var notes = exporters.ToDictionary(e => e.Format, e => e.Export(request, Path.Combine(_dir, e.Format), _writer).Notes);

        // Then each has one line naming the backend and what to run
        Assert.Contains(notes["llama-server"], n => n.StartsWith("measured on the cuda backend: run a CUDA build of llama-server", StringComparison.Ordinal));
        Assert.Contains(notes["ollama"], n => n.StartsWith("measured on the cuda backend: Ollama picks its own GPU library", StringComparison.Ordinal));
        Assert.Contains(notes["llamasharp"], n => n.StartsWith("measured on the cuda backend: reference LLamaSharp.Backend.Cuda12", StringComparison.Ordinal));
        Assert.Contains(notes["cortex"], n => n.StartsWith("measured on the cuda backend", StringComparison.Ordinal));
        Assert.All(notes.Values, list => Assert.Single(list, n => n.StartsWith("measured on the", StringComparison.Ordinal)));
        var cpu = ExportFixture.Request with { Config = ExportFixture.Request.Config with { Backend = "cpu" } };
        Assert.Contains(new LlamaServerExporter().Export(cpu, _dir, _writer).Notes, n => n.StartsWith("measured on the cpu backend: any llama-server build", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_CustomThreadpool_OnlyLlamaServerTakesItAndEveryOtherFormatSaysSo()
    {
        // Given a configuration measured with a non-default CPU threadpool
        var tuned = ExportFixture.Request.Config with { Threadpool = new() { Poll = 0, StrictCpu = true } };
        var request = ExportFixture.Request with { Config = tuned };

        // When it is exported in every format
        IConfigExporter[] exporters = [new JanExporter(), new LlamaServerExporter(), new OllamaExporter(), new LlamaSharpExporter(), new CortexExporter()];
        var notes = exporters.ToDictionary(e => e.Format, e => e.Export(request, Path.Combine(_dir, e.Format), _writer).Notes);

        // Then llama-server writes the flags and says nothing about it; each other format names the pool it cannot set
        Assert.Contains("--poll", LlamaServerExporter.Arguments(request));
        Assert.DoesNotContain(notes["llama-server"], n => n.StartsWith("CPU threadpool", StringComparison.Ordinal));
        foreach (var format in new[] { "jan", "ollama", "llamasharp", "cortex" })
        {
            Assert.Contains(notes[format], n => n.StartsWith("CPU threadpool (poll 0, mask 0x0, strict 1, prio 0) is not applied", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(new OllamaExporter().Export(ExportFixture.Request, _dir, _writer).Notes, n => n.StartsWith("CPU threadpool", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_CortexDroppedFields_AreAllNamedInItsNote()
    {
        // Given the legacy cortex format, which has no keys for most tuned fields
        var notes = new CortexExporter().Export(ExportFixture.Request, _dir, _writer).Notes;

        // Then threads_batch, mmap and the split are named among what cortex does not apply
        var note = Assert.Single(notes, n => n.Contains("#2209", StringComparison.Ordinal));
        Assert.Contains("threads_batch", note, StringComparison.Ordinal);
        Assert.Contains("mmap", note, StringComparison.Ordinal);
        Assert.Contains("split mode and tensor split", note, StringComparison.Ordinal);
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
