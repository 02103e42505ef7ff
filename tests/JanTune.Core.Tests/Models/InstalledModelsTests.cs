using System.Text;
using JanTune.Core.Models;
using JanTune.Core.Tests.Fixtures;

namespace JanTune.Core.Tests.Models;

public sealed class InstalledModelsTests : IDisposable
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string MissingHex = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private readonly string _root = Directory.CreateTempSubdirectory("jantune-installed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteText(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    private static string Manifest(string hex) =>
        "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.template\",\"digest\":\"sha256:" + new string('1', 64) + "\"}," +
        "{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + hex + "\",\"size\":1}]}";

    private ModelRoots BuildTrees()
    {
        var tiny = TinyModel.Bytes;
        // Jan: one relative model_path, one absolute, one pointing at a malformed GGUF.
        Write("jan/llamacpp/models/tiny/model.gguf", tiny);
        WriteText("jan/llamacpp/models/tiny/model.yml", "model_path: llamacpp/models/tiny/model.gguf\nname: tiny\nsize_bytes: 1\n");
        var abs = Write("elsewhere/abs.gguf", tiny);
        WriteText("jan/llamacpp/models/abs/model.yml", $"model_path: {abs}\n");
        Write("jan/llamacpp/models/broken/model.gguf", Encoding.ASCII.GetBytes("GGUF\u0003\0\0\0garbage"));
        WriteText("jan/llamacpp/models/broken/model.yml", "model_path: llamacpp/models/broken/model.gguf\n");
        // Ollama: a good library model, another namespace, a missing blob, malformed JSON.
        Write($"ollama/blobs/sha256-{Hex}", tiny);
        WriteText("ollama/manifests/registry.ollama.ai/library/qwen3/8b", Manifest(Hex));
        WriteText("ollama/manifests/registry.ollama.ai/someone/tinyish/latest", Manifest(Hex));
        WriteText("ollama/manifests/registry.ollama.ai/library/gone/latest", Manifest(MissingHex));
        WriteText("ollama/manifests/registry.ollama.ai/library/mangled/latest", "{\"layers\": [ {\"mediaType\": ");
        // LM Studio and Hugging Face (the snapshot file is a symlink to the blob, as huggingface_hub makes it).
        Write("lms/lmstudio-community/Tiny-GGUF/tiny-Q4_0.gguf", tiny);
        var blob = Write("hf/models--org--tiny-GGUF/blobs/abc123", tiny);
        var snap = Path.Combine(_root, "hf/models--org--tiny-GGUF/snapshots/0123456789abcdef/sub/tiny.gguf");
        Directory.CreateDirectory(Path.GetDirectoryName(snap)!);
        File.CreateSymbolicLink(snap, blob);
        return new ModelRoots(Path.Combine(_root, "jan"), Path.Combine(_root, "ollama"), [Path.Combine(_root, "lms"), Path.Combine(_root, "absent")], Path.Combine(_root, "hf"));
    }

    [Fact]
    public void Discover_FindsEveryModelWithNamePathAndHeader_AndReportsBrokenOnes()
    {
        var models = InstalledModels.Discover(BuildTrees()).ToDictionary(m => m.Name);

        Assert.Equal(
            new[] { "hf:org/tiny-GGUF/sub/tiny.gguf@01234567", "jan:abs", "jan:broken", "jan:tiny", "lmstudio:lmstudio-community/Tiny-GGUF/tiny-Q4_0", "ollama:gone:latest", "ollama:mangled:latest", "ollama:qwen3:8b", "ollama:someone/tinyish:latest" },
            models.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var good in new[] { "jan:tiny", "jan:abs", "ollama:qwen3:8b", "ollama:someone/tinyish:latest", "lmstudio:lmstudio-community/Tiny-GGUF/tiny-Q4_0", "hf:org/tiny-GGUF/sub/tiny.gguf@01234567" })
        {
            var m = models[good];
            Assert.Null(m.Error);
            Assert.Equal("llama", m.Architecture);
            Assert.Equal(TinyModel.Bytes.Length, m.SizeBytes);
            Assert.NotNull(m.Quantization);
            Assert.True(File.Exists(m.Path), m.Path);
        }

        Assert.Equal(Path.Combine(_root, "jan", "llamacpp", "models", "tiny", "model.gguf"), models["jan:tiny"].Path);
        Assert.Equal(Path.Combine(_root, "elsewhere", "abs.gguf"), models["jan:abs"].Path);
        Assert.Equal(Path.Combine(_root, "ollama", "blobs", "sha256-" + Hex), models["ollama:qwen3:8b"].Path);
        Assert.Equal("ollama", models["ollama:qwen3:8b"].Source);
        Assert.Contains("blob missing", models["ollama:gone:latest"].Error);
        Assert.Contains("sha256:" + MissingHex, models["ollama:gone:latest"].Error);
        Assert.Contains("not valid JSON", models["ollama:mangled:latest"].Error);
        Assert.NotNull(models["jan:broken"].Error);
        Assert.Null(models["jan:broken"].Architecture);
    }

    [Fact]
    public void Resolve_KnownName_GivesPath_UnknownNameListsCloseNames_BrokenNameGivesReason()
    {
        var roots = BuildTrees();

        Assert.Equal(Path.Combine(_root, "ollama", "blobs", "sha256-" + Hex), InstalledModels.Resolve("ollama:qwen3:8b", roots));
        var unknown = Assert.Throws<JanTuneException>(() => InstalledModels.Resolve("ollama:qwen3:7b", roots));
        Assert.Contains("ollama:qwen3:8b", unknown.Hint);
        Assert.Contains("jantune models", unknown.Hint);
        var broken = Assert.Throws<JanTuneException>(() => InstalledModels.Resolve("ollama:gone:latest", roots));
        Assert.Contains("blob missing", broken.Message);
        Assert.True(InstalledModels.IsInstalledName("hf:org/x"));
        Assert.False(InstalledModels.IsInstalledName("models/tiny-q4_0.gguf"));
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("null", "no layers array")]
    [InlineData("[]", "no layers array")]
    [InlineData("{\"layers\":{}}", "no layers array")]
    [InlineData("{\"layers\":[1,\"x\",null]}", "no application/vnd.ollama.image.model layer")]
    [InlineData("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\"}]}", "no digest string")]
    [InlineData("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":5}]}", "no digest string")]
    [InlineData("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:../../etc/passwd\"}]}", "is not sha256:<64 hex digits>")]
    [InlineData("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + Hex + "\"},{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + Hex + "\"}]}", "2 model layers")]
    [InlineData("{\"layers\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "not valid JSON")]
    [InlineData("\uFEFF{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + Hex + "\"}]}", null)]
    public void ParseManifest_HostileInput_GivesPerEntryErrorNeverThrows(string json, string? expected)
    {
        var error = InstalledModels.ParseManifest(Encoding.UTF8.GetBytes(json), out var digest);

        if (expected is null)
        {
            Assert.Null(error);
            Assert.Equal("sha256:" + Hex, digest);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(expected, error);
            Assert.Null(digest);
        }
    }

    [Fact]
    public void ParseManifest_RandomBytes_NeverThrows()
    {
        var rng = new Random(14);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Manifest(Hex));
            for (var k = 0; k < 1 + (i % 5); k++)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            _ = InstalledModels.ParseManifest(bytes, out _);
        }
    }

    [Fact]
    public void FromEnvironment_OverridesWin_ThenRuntimeVariables_ThenHomeDefaults()
    {
        var env = new Dictionary<string, string> { ["OLLAMA_MODELS"] = "/o", ["HF_HOME"] = "/h", ["JANTUNE_LMSTUDIO_MODELS"] = "/l", ["JANTUNE_JAN_DATA"] = "/j" };
        var roots = ModelRoots.FromEnvironment(k => env.GetValueOrDefault(k), "/home/u");
        Assert.Equal("/j", roots.Jan);
        Assert.Equal("/o", roots.Ollama);
        Assert.Equal(["/l"], roots.LmStudio);
        Assert.Equal(Path.Combine("/h", "hub"), roots.HuggingFace);

        var defaults = ModelRoots.FromEnvironment(_ => null, "/home/u");
        Assert.Equal(Path.Combine("/home/u", ".ollama", "models"), defaults.Ollama);
        Assert.Equal([Path.Combine("/home/u", ".lmstudio", "models"), Path.Combine("/home/u", ".cache", "lm-studio", "models")], defaults.LmStudio);
        Assert.Equal(Path.Combine("/home/u", ".cache", "huggingface", "hub"), defaults.HuggingFace);
    }

    [Fact]
    public void ParseJanModelYml_TextYamlDotNetsScannerThrowsOn_IsAnErrorNotAnException()
    {
        // Found by scripts/fuzz.sh installed-manifest after 4.4 million executions: YamlDotNet threw
        // InvalidOperationException ("The scanner should contain no more tokens"), not a YamlException
        byte[] found = [46, 46, 46, 9, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 46, 66, 46, 16, 46, 46, 46, 46, 46, 0, 128];

        var error = InstalledModels.ParseJanModelYml(System.Text.Encoding.UTF8.GetString(found), out var path);

        Assert.Null(path);
        Assert.StartsWith("model.yml is not readable YAML", error, StringComparison.Ordinal);
    }
}
