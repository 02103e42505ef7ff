using System.Text;
using JanTune.Core;
using JanTune.Core.Export;
using JanTune.Core.Gguf;
using JanTune.Core.Modeling;
using JanTune.Core.Models;
using JanTune.Core.Sweeps.Tune;
using JanTune.Server.Api;
using JanTune.Server.Config;

namespace JanTune.Fuzz;

/// <summary>
/// One target per parser that takes bytes from outside. The contract each checks: the input is accepted, or it is
/// refused with the parser's documented error (a <see cref="JanTuneException"/>, or a 4xx <see cref="ApiException"/>
/// for the API). Anything else escaping (IndexOutOfRange, InvalidOperation, OutOfMemory, a 5xx) is a crash for afl-fuzz.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["gguf"] = Gguf,
        ["tune-json"] = TuneJson,
        ["serve-config"] = ServeConfig,
        ["openai-request"] = OpenAiRequest,
        ["profile-archive"] = ProfileArchiveFile,
        ["recommended-json"] = RecommendedJson,
        ["installed-manifest"] = InstalledManifest,
    };

    /// <summary>What `model info`, the sweep and serve read first.</summary>
    public static void Gguf(byte[] input) => Refusable(() =>
    {
        using var stream = new MemoryStream(input, writable: false);
        GgufReader.Read(stream, "fuzz.gguf");
    });

    /// <summary>`sweep --config`. Decoded as File.ReadAllText would (UTF-8, invalid bytes replaced).</summary>
    public static void TuneJson(byte[] input) => Refusable(() => TuneFileParser.Parse(Encoding.UTF8.GetString(input), "fuzz.json"));

    /// <summary>`serve --config`: the first byte picks the file name, which picks the format (Jan/cortex model.yml, llama-server.sh, Modelfile).</summary>
    public static void ServeConfig(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        string[] names = ["/fuzz/llamacpp/models/m/model.yml", "/fuzz/llama-server.sh", "/fuzz/Modelfile", "/fuzz/cortex.yml"];
        var name = names[input[0] % names.Length];
        Refusable(() => ConfigFileReader.Parse(Encoding.UTF8.GetString(input, 1, input.Length - 1), name));
    }

    /// <summary>The HTTP body as the server reads it, then both endpoints' validation.</summary>
    public static void OpenAiRequest(byte[] input)
    {
        try
        {
            using var document = JsonBody.Parse(input);
            Accepted(() => RequestParser.ParseChat(document.RootElement));
            Accepted(() => RequestParser.ParseCompletion(document.RootElement));
        }
        catch (ApiException ex) when (ex.Status is >= 400 and < 500)
        {
        }

        static void Accepted(Action parse)
        {
            try
            {
                parse();
            }
            catch (ApiException ex) when (ex.Status is >= 400 and < 500)
            {
            }
        }
    }

    /// <summary>`profile import F.jtprofile`: a zip made on another machine, read and checked before anything is written.</summary>
    public static void ProfileArchiveFile(byte[] input) => Refusable(() =>
    {
        using var stream = new MemoryStream(input, writable: false);
        ProfileArchive.ReadArchive(stream, "fuzz.jtprofile");
    });

    /// <summary>profiles/&lt;id&gt;/recommended.json, which `serve --profile` and imports read.</summary>
    public static void RecommendedJson(byte[] input) => Refusable(() => RecommendedConfig.Parse(input, "recommended.json"));

    /// <summary>
    /// `jantune models` and installed names (ollama:, jan:) read other runtimes' files: the first byte picks an Ollama
    /// manifest (bytes) or a Jan model.yml (text). Both answer with an error string and must never throw.
    /// </summary>
    public static void InstalledManifest(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        if (input[0] % 2 == 0)
        {
            _ = InstalledModels.ParseManifest(input.AsSpan(1), out _);
        }
        else
        {
            _ = InstalledModels.ParseJanModelYml(Encoding.UTF8.GetString(input, 1, input.Length - 1), out _);
        }
    }

    private static void Refusable(Action parse)
    {
        try
        {
            parse();
        }
        catch (JanTuneException)
        {
        }
    }
}
