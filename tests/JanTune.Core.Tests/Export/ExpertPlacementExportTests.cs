using JanTune.Core.Export;
using YamlDotNet.RepresentationModel;

namespace JanTune.Core.Tests.Export;

/// <summary>Every exporter carries n_cpu_moe / cpu_moe, or says it cannot.</summary>
public sealed class ExpertPlacementExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jantune-moe-export-" + Guid.NewGuid().ToString("N"));
    private readonly AtomicFileWriter _writer = new(new FixedTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ExportRequest With(int layers, bool all = false) =>
        ExportFixture.Request with { Config = ExportFixture.Request.Config with { CpuMoeLayers = layers, CpuMoe = all } };

    [Fact]
    public void LlamaServer_PassesArgCppsFlags_OnlyWhenSet()
    {
        var plain = LlamaServerExporter.Arguments(ExportFixture.Request);
        Assert.DoesNotContain("--n-cpu-moe", plain);
        Assert.DoesNotContain("--cpu-moe", plain);

        var args = LlamaServerExporter.Arguments(With(12)).ToList();
        Assert.Equal("12", args[args.IndexOf("--n-cpu-moe") + 1]);
        Assert.Contains("--cpu-moe", LlamaServerExporter.Arguments(With(0, all: true)));
    }

    [Fact]
    public void Jan_WritesPresetTsKeys_AndRemovesThemWhenTheNewConfigHasNone()
    {
        var yml = new JanExporter().Export(With(12, all: false), _dir, _writer).Files[0];
        var map = Read(yml);
        Assert.Equal("12", map["n_cpu_moe"]);
        Assert.False(map.ContainsKey("cpu_moe"));

        new JanExporter().Export(With(0, all: true), _dir, _writer);
        map = Read(yml);
        Assert.Equal("true", map["cpu_moe"]);
        Assert.False(map.ContainsKey("n_cpu_moe"));

        new JanExporter().Export(ExportFixture.Request, _dir, _writer);
        map = Read(yml);
        Assert.False(map.ContainsKey("cpu_moe") || map.ContainsKey("n_cpu_moe"));
    }

    private const string FitChoice = @"blk\.27\.ffn_(gate|gate_up|down).*=CPU,blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps=CPU";

    private static ExportRequest WithOverride() =>
        ExportFixture.Request with { Config = ExportFixture.Request.Config with { OverrideTensor = FitChoice } };

    [Fact]
    public void OverrideTensor_ReachesLlamaServerJanAndLLamaSharp_AndOllamaSaysHowItCouldApply()
    {
        var args = LlamaServerExporter.Arguments(WithOverride()).ToList();
        Assert.Equal(FitChoice, args[args.IndexOf("--override-tensor") + 1]);
        Assert.DoesNotContain("--override-tensor", LlamaServerExporter.Arguments(ExportFixture.Request));

        var yml = new JanExporter().Export(WithOverride(), _dir, _writer);
        Assert.Equal(FitChoice, Read(yml.Files[0])["override_tensor"]);
        Assert.DoesNotContain(yml.Notes, n => n.Contains("not tuned by JanTune", StringComparison.Ordinal));

        var (json, _) = JanTune.Core.Sweeps.LlamaSharpParams.Map(WithOverride().Config);
        var patterns = json["TensorBufferOverrides"]!.AsArray().Select(o => (string)o!["Pattern"]!).ToList();
        Assert.Equal([@"blk\.27\.ffn_(gate|gate_up|down).*", @"blk\.28\.ffn_(up|down|gate_up|gate)_(ch|)exps"], patterns);

        var ollama = new OllamaExporter().Export(WithOverride(), _dir, _writer);
        Assert.Contains(ollama.Notes, n => n.Contains("-ot 2 pattern(s) on cpu", StringComparison.Ordinal) && n.Contains("LLAMA_ARG_OVERRIDE_TENSOR=", StringComparison.Ordinal));
    }

    [Fact]
    public void OllamaAndCortex_ReportThePlacementAsNotApplied()
    {
        var ollama = new OllamaExporter().Export(With(12), _dir, _writer);
        Assert.Contains(ollama.Notes, n => n.Contains("expert placement (layers 0-11 on cpu) is not applied", StringComparison.Ordinal));
        Assert.DoesNotContain("moe", File.ReadAllText(ollama.Files[0]), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(new OllamaExporter().Export(ExportFixture.Request, _dir, _writer).Notes, n => n.Contains("expert", StringComparison.Ordinal));
        Assert.Contains(new CortexExporter().Export(With(12), _dir, _writer).Notes, n => n.Contains("expert placement", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Read(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return ((YamlMappingNode)stream.Documents[0].RootNode).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? string.Empty);
    }
}
