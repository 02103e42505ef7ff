using System.Text.Json;
using System.Text.RegularExpressions;
using JanTune.Core.Export;
using JanTune.Core.Gguf;

namespace JanTune.Core.Models;

/// <summary>One GGUF model another runtime already has on disk, or an entry that could not be read (Error set).</summary>
public sealed record InstalledModel(string Name, string Source, string Path, long? SizeBytes, string? Architecture, string? Quantization, string? Error);

/// <summary>Where each runtime keeps its models; null means "not searched".</summary>
public sealed record ModelRoots(string? Jan, string? Ollama, IReadOnlyList<string> LmStudio, string? HuggingFace)
{
    /// <summary>The default roots from the environment and home folder (the ones that exist or not alike).</summary>
    public static ModelRoots FromEnvironment(Func<string, string?> env, string home)
    {
        ArgumentNullException.ThrowIfNull(env);
        string? Var(string name) => env(name) is { Length: > 0 } v ? v : null;
        var jan = Var("JANTUNE_JAN_DATA") ?? JanDataFolder.Find(env, home);
        var ollama = Var("JANTUNE_OLLAMA_MODELS") ?? Var("OLLAMA_MODELS") ?? System.IO.Path.Combine(home, ".ollama", "models");
        IReadOnlyList<string> lms = Var("JANTUNE_LMSTUDIO_MODELS") is { } l
            ? [l]
            : [System.IO.Path.Combine(home, ".lmstudio", "models"), System.IO.Path.Combine(home, ".cache", "lm-studio", "models")];
        var hf = Var("JANTUNE_HF_HUB") ?? Var("HF_HUB_CACHE") ?? (Var("HF_HOME") is { } h ? System.IO.Path.Combine(h, "hub") : System.IO.Path.Combine(home, ".cache", "huggingface", "hub"));
        return new ModelRoots(jan, ollama, lms, hf);
    }

    public static ModelRoots Default() => FromEnvironment(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}

/// <summary>
/// Lists the GGUF models installed for Jan (llamacpp/models/&lt;id&gt;/model.yml), Ollama (manifests → blobs),
/// LM Studio (&lt;publisher&gt;/&lt;repo&gt;/*.gguf) and the Hugging Face hub cache (snapshots). Every entry is read with the
/// hardened GGUF reader; an unreadable entry is listed with its reason, never thrown.
/// </summary>
public static partial class InstalledModels
{
    public const string OllamaModelMediaType = "application/vnd.ollama.image.model";
    private const long MaxManifestBytes = 1 << 20;

    private static readonly string[] Prefixes = ["jan:", "ollama:", "lmstudio:", "hf:"];

    /// <summary>Whether a --model value is written as an installed-model name (a source prefix), not a path.</summary>
    public static bool IsInstalledName(string value) => Prefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<InstalledModel> Discover(ModelRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var all = new List<InstalledModel>();
        if (roots.Jan is { } jan) all.AddRange(Guard("jan", jan, () => Jan(jan)));
        if (roots.Ollama is { } ollama) all.AddRange(Guard("ollama", ollama, () => Ollama(ollama)));
        foreach (var lms in roots.LmStudio) all.AddRange(Guard("lmstudio", lms, () => LmStudio(lms)));
        if (roots.HuggingFace is { } hf) all.AddRange(Guard("huggingface", hf, () => HuggingFace(hf)));
        return all;
    }

    /// <summary>
    /// The installed model called <paramref name="name"/> (exact, case-insensitive). Unknown: an error naming the
    /// closest names and `jantune models`; a known but broken entry: an error with its reason.
    /// </summary>
    public static string Resolve(string name, ModelRoots roots)
    {
        ArgumentNullException.ThrowIfNull(name);
        var models = Discover(roots);
        var hit = models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (hit is null)
        {
            var close = models.Select(m => (m.Name, d: Distance(m.Name.ToLowerInvariant(), name.ToLowerInvariant())))
                .Where(x => x.d <= Math.Max(3, name.Length / 3) || x.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(x => x.d).Take(5).Select(x => x.Name).ToList();
            var suggestion = close.Count > 0 ? $"closest installed names: {string.Join(", ", close)}. " : "";
            throw new JanTuneException(
                $"'{name}' is neither a file nor an installed model name ({models.Count} installed model(s) found)",
                $"{suggestion}Run `jantune models` to list them, or pass the path of a GGUF file.");
        }

        if (hit.Error is not null)
        {
            throw new JanTuneException($"installed model '{hit.Name}' ({hit.Path}) cannot be used: {hit.Error}", "Re-download it in " + hit.Source + ", or pass another model.");
        }

        return hit.Path;
    }

    private static IEnumerable<InstalledModel> Guard(string source, string root, Func<IEnumerable<InstalledModel>> list)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        try
        {
            return list().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new InstalledModel($"{source}:?", source, root, null, null, null, $"cannot list {root}: {ex.Message}")];
        }
    }

    private static IEnumerable<InstalledModel> Jan(string data)
    {
        var models = System.IO.Path.Combine(data, "llamacpp", "models");
        if (!Directory.Exists(models)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(models).Order(StringComparer.Ordinal))
        {
            var id = System.IO.Path.GetFileName(dir);
            var yml = System.IO.Path.Combine(dir, "model.yml");
            if (!File.Exists(yml)) continue;
            string? modelPath = null;
            string? error;
            try
            {
                error = ParseJanModelYml(File.ReadAllText(yml), out modelPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"model.yml unreadable: {ex.Message}";
            }

            if (error is not null)
            {
                yield return new InstalledModel($"jan:{id}", "jan", yml, null, null, null, error);
                continue;
            }

            var full = System.IO.Path.IsPathRooted(modelPath!) ? modelPath! : System.IO.Path.GetFullPath(System.IO.Path.Combine(data, modelPath!));
            yield return Describe($"jan:{id}", "jan", full);
        }
    }

    private static IEnumerable<InstalledModel> Ollama(string root)
    {
        var manifests = System.IO.Path.Combine(root, "manifests");
        if (!Directory.Exists(manifests)) yield break;
        foreach (var file in Directory.EnumerateFiles(manifests, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = System.IO.Path.GetRelativePath(manifests, file).Split(System.IO.Path.DirectorySeparatorChar);
            if (parts.Length != 4) continue; // <registry>/<namespace>/<model>/<tag>
            var (registry, ns, model, tag) = (parts[0], parts[1], parts[2], parts[3]);
            var shortName = registry == "registry.ollama.ai"
                ? ns == "library" ? $"{model}:{tag}" : $"{ns}/{model}:{tag}"
                : $"{registry}/{ns}/{model}:{tag}";
            var name = "ollama:" + shortName;
            string? digest;
            string? error = ReadManifest(file, out digest);
            if (error is not null)
            {
                yield return new InstalledModel(name, "ollama", file, null, null, null, error);
                continue;
            }

            var hex = digest!["sha256:".Length..];
            var blob = System.IO.Path.Combine(root, "blobs", "sha256-" + hex);
            var legacy = System.IO.Path.Combine(root, "blobs", "sha256:" + hex);
            if (!File.Exists(blob) && File.Exists(legacy)) blob = legacy;
            if (!File.Exists(blob))
            {
                yield return new InstalledModel(name, "ollama", blob, null, null, null, $"blob missing: the manifest ({file}) names {digest}, and no file is at this path (interrupted or pruned pull?)");
                continue;
            }

            yield return Describe(name, "ollama", blob);
        }
    }

    /// <summary>The model_path of a Jan model.yml (<c>llamacpp/models/&lt;id&gt;/model.yml</c>), or an error; never throws on any text.</summary>
    public static string? ParseJanModelYml(string text, out string? modelPath)
    {
        modelPath = null;
        try
        {
            var doc = YamlFormat.LenientDeserializer.Deserialize<Dictionary<string, object?>>(text);
            modelPath = doc?.GetValueOrDefault("model_path") as string;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            return $"model.yml is not readable YAML: {ex.Message}";
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException (found by
            // scripts/fuzz.sh installed-manifest: "The scanner should contain no more tokens").
            return $"model.yml is not readable YAML: {ex.Message}";
        }

        return string.IsNullOrWhiteSpace(modelPath) ? "model.yml has no model_path" : null;
    }

    /// <summary>The model layer's digest from an Ollama manifest, or an error saying what is wrong with it.</summary>
    public static string? ReadManifest(string file, out string? digest)
    {
        digest = null;
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxManifestBytes) return $"manifest is {info.Length} bytes, more than a manifest's {MaxManifestBytes}";
            return ParseManifest(File.ReadAllBytes(file), out digest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"manifest unreadable: {ex.Message}";
        }
    }

    /// <summary>The model layer's digest from manifest bytes, or an error; never throws on any input.</summary>
    public static string? ParseManifest(ReadOnlySpan<byte> json, out string? digest)
    {
        digest = null;
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return $"manifest is not valid JSON: {ex.Message}";
        }

        try
        {
            using (doc)
            {
                digest = ModelLayerDigest(doc.RootElement, out var error);
                return error;
            }
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument validates structure but transcodes strings lazily: invalid UTF-8 inside one surfaces here.
            digest = null;
            return $"manifest holds text that is not valid UTF-8: {ex.Message}";
        }
    }

    private static string? ModelLayerDigest(JsonElement root, out string? error)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
        {
            error = "manifest has no layers array";
            return null;
        }

        var found = new List<string>();
        foreach (var layer in layers.EnumerateArray())
        {
            if (layer.ValueKind == JsonValueKind.Object
                && layer.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String && mt.ValueEquals(OllamaModelMediaType))
            {
                if (!layer.TryGetProperty("digest", out var d) || d.ValueKind != JsonValueKind.String)
                {
                    error = "the model layer has no digest string";
                    return null;
                }

                found.Add(d.GetString()!);
            }
        }

        error = found.Count == 0 ? $"manifest has no {OllamaModelMediaType} layer (not a GGUF model)"
            : found.Count > 1 ? $"manifest has {found.Count} model layers; expected one"
            : !DigestPattern().IsMatch(found[0]) ? $"model layer digest '{Trim(found[0])}' is not sha256:<64 hex digits>"
            : null;
        return error is null ? found[0] : null;
    }

    private static IEnumerable<InstalledModel> LmStudio(string root)
    {
        foreach (var publisher in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var repo in Directory.EnumerateDirectories(publisher).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(repo, "*.gguf").Order(StringComparer.Ordinal))
                {
                    var name = $"lmstudio:{System.IO.Path.GetFileName(publisher)}/{System.IO.Path.GetFileName(repo)}/{System.IO.Path.GetFileNameWithoutExtension(file)}";
                    yield return Describe(name, "lmstudio", file);
                }
            }
        }
    }

    private static IEnumerable<InstalledModel> HuggingFace(string hub)
    {
        foreach (var repo in Directory.EnumerateDirectories(hub, "models--*").Order(StringComparer.Ordinal))
        {
            var segments = System.IO.Path.GetFileName(repo)["models--".Length..].Split("--");
            var repoId = string.Join('/', segments);
            var snapshots = System.IO.Path.Combine(repo, "snapshots");
            if (!Directory.Exists(snapshots)) continue;
            foreach (var rev in Directory.EnumerateDirectories(snapshots).Order(StringComparer.Ordinal))
            {
                var revision = System.IO.Path.GetFileName(rev);
                foreach (var file in Directory.EnumerateFiles(rev, "*.gguf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var rel = System.IO.Path.GetRelativePath(rev, file).Replace('\\', '/');
                    var shortRev = revision.Length > 8 ? revision[..8] : revision;
                    yield return Describe($"hf:{repoId}/{rel}@{shortRev}", "huggingface", file);
                }
            }
        }
    }

    /// <summary>Size, architecture and dominant tensor type from the GGUF header; any read failure is the entry's error.</summary>
    public static InstalledModel Describe(string name, string source, string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }

            if (!info.Exists) return new InstalledModel(name, source, path, null, null, null, $"{path} does not exist (dangling link or deleted file)");
            var gguf = GgufReader.Read(path);
            var model = GgufModelInfo.From(gguf);
            var quant = model.BytesByType.MaxBy(u => u.Bytes)?.Type.ToString();
            return new InstalledModel(name, source, path, info.Length, model.Architecture, quant, null);
        }
        catch (Exception ex) when (ex is JanTuneException or IOException or UnauthorizedAccessException)
        {
            return new InstalledModel(name, source, path, SafeLength(path), null, null, ex.Message);
        }
    }

    private static long? SafeLength(string path)
    {
        try
        {
            return File.Exists(path) ? new FileInfo(path).Length : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Trim(string s) => s.Length > 80 ? s[..80] + "…" : s;

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
