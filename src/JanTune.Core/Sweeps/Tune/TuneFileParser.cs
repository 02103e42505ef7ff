using System.Text.Json;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;

namespace JanTune.Core.Sweeps.Tune;

/// <summary>
/// Reads and validates tune.json. Strict: unknown fields and wrong types are errors. Validation walks the whole
/// document and reports every problem with its JSON path, the value found and what is allowed, so one edit fixes all.
/// </summary>
public static partial class TuneFileParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "$schema", "models", "quantizations", "engine", "backends", "ngl", "threads", "n_batch", "n_ubatch", "ctx", "flash_attn",
        "cache_type", "repack", "n_cpu_moe", "cpu_moe", "override_tensor", "poll", "cpu_mask", "cpu_strict", "prio", "split_mode", "tensor_split", "tests", "repetitions", "warmup", "time_budget", "strategy",
    };

    /// <summary>Reads a tune.json file.</summary>
    /// <exception cref="TuneFileException">The file is not valid; every problem is listed.</exception>
    public static TuneSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new JanTuneException($"no tune file at {path}", "pass an existing file with --config, or run `jantune sweep` without --config to use the default");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses tune.json text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="TuneFileException">The text is not valid; every problem is listed.</exception>
    public static TuneSpec Parse(string json, string source = "tune.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new TuneFileException(source, [new TuneError("$", $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}", "the file must be one JSON object")]);
        }

        using (document)
        {
            var errors = new List<TuneError>();
            var spec = Read(document.RootElement, errors);
            if (errors.Count > 0 || spec is null)
            {
                throw new TuneFileException(source, errors);
            }

            return spec;
        }
    }

    private static TuneSpec? Read(JsonElement root, List<TuneError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new TuneError("$", Show(root), "the file must be one JSON object"));
            return null;
        }

        foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
        {
            errors.Add(new TuneError(property.Name, "unknown field", "allowed fields: " + string.Join(", ", KnownFields.Where(f => f != "$schema"))));
        }

        var f = new FieldReader(root, errors);
        var models = f.Models();
        var quants = f.List("quantizations", [ModelQuantization.Q4_0], ReadQuantization, "one of: " + string.Join(", ", ModelQuantizations.All.Select(q => q.ToName())));
        var notes = new List<string>();
        if (root.TryGetProperty("quantizations", out _) && models.Count > 0 && models.All(m => m.Path is not null))
        {
            notes.Add("quantizations apply to synthetic presets only; the GGUF files are swept as they are");
        }

        var spec = new TuneSpec
        {
            Models = models,
            Quantizations = quants,
            Engines = f.List("engine", [SweepEngine.Npm], ReadEngine, "one of: " + string.Join(", ", SweepEngines.Names) + " (a list runs each configuration on each engine)"),
            Backends = f.Backends(),
            GpuLayers = f.Axis("ngl", 0, 1000),
            Threads = f.Axis("threads", 1, 1024),
            BatchSizes = f.Ints("n_batch", [2048], 1, 1 << 20),
            UBatchSizes = f.Ints("n_ubatch", [512], 1, 1 << 20),
            ContextSizes = f.List("ctx", [2048], ReadContextSize, "a whole number from 16 to 16777216, \"test\" (each test's own positions, as llama-bench sizes it), or a list of them"),
            FlashAttention = f.List("flash_attn", [Inference.FlashAttention.Auto], ReadFlashAttention, "one of: on, off, auto"),
            CacheTypes = f.List("cache_type", [GgmlType.F16], ReadCacheType, "one of: f16, q8_0, q4_0"),
            Repack = f.List("repack", [true], ReadBool, "true or false"),
            CpuMoeLayers = f.Axis("n_cpu_moe", 0, 1000),
            CpuMoe = f.List("cpu_moe", [false], ReadBool, "true or false"),
            OverrideTensors = f.List<string?>("override_tensor", [null], ReadOverrideTensor, "\"none\", or host-memory overrides in llama.cpp's -ot syntax, \"pattern=CPU[,pattern=CPU...]\" (each pattern a regular expression over tensor names), or a list of them"),
            Threadpools = Threadpools(f),
            SplitModes = f.List("split_mode", [SplitMode.Layer], ReadSplitMode, "one of: none, layer, row, tensor"),
            TensorSplits = f.List("tensor_split", [string.Empty], ReadTensorSplit, "\"auto\", or one non-negative proportion per GPU (at most 16, not all 0) as \"3,1\" or [3, 1]"),
            Tests = f.List("tests", [TrialTest.Pp512, TrialTest.Tg128], ReadTest, "ppN, tgN or tgN@dD, e.g. pp512, tg128, tg128@d512"),
            Repetitions = f.Int("repetitions", 5, 1, 100),
            Warmup = f.Int("warmup", 1, 0, 10),
            TimeBudget = f.Duration("time_budget"),
            Notes = notes,
            Strategy = f.Strategy(),
        };
        return spec;
    }

    private static IReadOnlyList<Native.CpuThreadpoolSettings> Threadpools(FieldReader f)
    {
        var polls = f.Ints("poll", [50], 0, 100);
        var masks = f.List("cpu_mask", ["0x0"], ReadCpuMask, "a hex CPU mask as llama.cpp takes it (bit i = CPU i), e.g. \"0xff\", or a list of them");
        var stricts = f.List("cpu_strict", [false], ReadBool, "true or false");
        var priorities = f.List("prio", [Native.Interop.GgmlSchedPriority.Normal], ReadPriority, "one of: low, normal, medium, high, realtime (llama-bench's -1..3)");
        return [.. from poll in polls from mask in masks from strict in stricts from prio in priorities
                   select new Native.CpuThreadpoolSettings { Poll = poll, CpuMask = mask, StrictCpu = strict, Priority = prio }];
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "\"" + e.GetString() + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => e.GetRawText(),
    };
}
