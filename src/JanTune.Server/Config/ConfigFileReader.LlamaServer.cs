using System.Globalization;
using System.Text;
using JanTune.Core;
using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Server.Config;

public static partial class ConfigFileReader
{
    /// <summary>
    /// Reads the llama-server command line of a script (the line that runs llama-server), flag by flag with the
    /// spellings of llama.cpp's common/arg.cpp. -c is the total context: each of -np slots gets c / np unless the KV
    /// buffer is unified (-kvu), where one slot may use all of it.
    /// </summary>
    public static ConfigFileSettings ParseLlamaServer(string script, string source = "llama-server.sh")
    {
        ArgumentNullException.ThrowIfNull(script);
        var file = Path.GetFileName(source);
        var line = script.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => !l.StartsWith('#') && l.Contains("llama-server", StringComparison.Ordinal))
            ?? throw new JanTuneException($"{file} has no llama-server command line", "pass the llama-server.sh written by `jantune export --format llama-server`");
        var words = Split(line);
        var start = words.FindIndex(w => Path.GetFileName(w) == "llama-server");
        var values = new Dictionary<string, (string Flag, string Value)>(StringComparer.Ordinal);
        var notApplied = new List<string>();
        for (var i = start + 1; i < words.Count; i++)
        {
            var w = words[i];
            if (w == "$@")
            {
                continue;
            }

            if (!Flags.TryGetValue(w, out var flag))
            {
                throw new JanTuneException($"{file}: llama-server flag '{w}' cannot be applied by jantune serve", "remove it, or run llama-server itself for that option");
            }

            if (flag.Property is null)
            {
                if (flag.TakesValue)
                {
                    i++;
                }

                notApplied.Add(w);
                continue;
            }

            var value = flag.TakesValue ? (i + 1 < words.Count ? words[++i] : throw new JanTuneException($"{file}: '{w}' needs a value")) : flag.Implied!;
            values[flag.Property] = (w, value);
        }

        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string property)
        {
            if (!values.TryGetValue(property, out var v))
            {
                return null;
            }

            origins[property] = $"{file}: {v.Flag}";
            return v.Value;
        }

        string FlagOf(string property) => values[property].Flag;
        var kvUnified = Get("KvUnified") is { } kvu ? ParseBool(kvu, FlagOf("KvUnified"), file) : (bool?)null;
        var parallel = Get("Parallel") is { } np ? ParsePositive(np, FlagOf("Parallel"), file) : (int?)null;
        int? context = Get("ContextSize") is { } ctxText ? ParseNonNegative(ctxText, FlagOf("ContextSize"), file) : null;
        if (context > 0 && parallel > 1 && kvUnified != true)
        {
            context /= parallel;
            origins["ContextSize"] += $" / {FlagOf("Parallel")}";
        }

        if (Get("LoadMode") is { } mode && mode is not ("auto" or "mmap" or "none"))
        {
            throw CannotApply(file, FlagOf("LoadMode"), mode, "jantune serve memory-maps the model or reads it (none); it does not mlock or use direct I/O");
        }

        if (Get("Fit") is { } fit && ParseBool(fit, "--fit", file))
        {
            throw CannotApply(file, "--fit", fit, "jantune serve applies the given -ngl and -c as they are; pass --fit off");
        }

        if (Get("ContBatching") is { } cb && !ParseBool(cb, FlagOf("ContBatching"), file))
        {
            throw CannotApply(file, FlagOf("ContBatching"), "off", "jantune serve always batches its slots continuously; remove the flag");
        }

        var c = new ConfigFileSettings().Config;
        if (Get(nameof(c.ModelPath)) is { } path)
        {
            c = c with { ModelPath = path };
        }

        var auto = false;
        if (Get(nameof(c.GpuLayers)) is { } ngl)
        {
            c = c with { GpuLayers = ParseGpuLayers(ngl, FlagOf(nameof(c.GpuLayers)), file) };
            auto = IsAutoLayers(ngl);
        }

        if (Get(nameof(c.Backend)) is { } device)
        {
            c = c with { Backend = ParseDevice(device, FlagOf(nameof(c.Backend)), file) };
            origins[nameof(c.Backend)] = $"{file}: {FlagOf(nameof(c.Backend))} {device}";
        }

        if (context is { } perSlot)
        {
            c = c with { ContextSize = perSlot };
        }

        if (Get(nameof(c.Threads)) is { } t)
        {
            c = c with { Threads = ParseThreads(t, FlagOf(nameof(c.Threads)), file) };
        }

        if (Get(nameof(c.ThreadsBatch)) is { } tb)
        {
            c = c with { ThreadsBatch = ParseThreads(tb, FlagOf(nameof(c.ThreadsBatch)), file) };
        }

        if (Get(nameof(c.BatchSize)) is { } b)
        {
            c = c with { BatchSize = ParsePositive(b, FlagOf(nameof(c.BatchSize)), file) };
        }

        if (Get(nameof(c.UBatchSize)) is { } ub)
        {
            c = c with { UBatchSize = ParsePositive(ub, FlagOf(nameof(c.UBatchSize)), file) };
        }

        if (Get(nameof(c.FlashAttention)) is { } fa)
        {
            c = c with { FlashAttention = ParseFlash(fa, FlagOf(nameof(c.FlashAttention)), file) };
        }

        if (Get(nameof(c.CacheType)) is { } k)
        {
            c = c with { CacheType = ParseCache(k, FlagOf(nameof(c.CacheType)), file) };
        }

        if (Get(nameof(c.CacheTypeV)) is { } v)
        {
            c = c with { CacheTypeV = ParseCache(v, FlagOf(nameof(c.CacheTypeV)), file) };
        }

        if (Get(nameof(c.WeightRepack)) is { } r)
        {
            c = c with { WeightRepack = ParseBool(r, FlagOf(nameof(c.WeightRepack)), file) };
        }

        if (values.TryGetValue("LoadMode", out var lm))
        {
            c = c with { UseMmap = lm.Value != "none" };
            origins[nameof(c.UseMmap)] = origins["LoadMode"];
        }

        if (Get(nameof(c.SplitMode)) is { } sm)
        {
            c = c with { SplitMode = ParseSplit(sm, FlagOf(nameof(c.SplitMode)), file) };
        }

        if (Get(nameof(c.TensorSplit)) is { } ts)
        {
            c = c with { TensorSplit = ParseTensorSplit(ts, FlagOf(nameof(c.TensorSplit)), file) };
        }

        if (Get(nameof(c.CpuMoeLayers)) is { } ncmoe)
        {
            c = c with { CpuMoeLayers = ParseNonNegative(ncmoe, FlagOf(nameof(c.CpuMoeLayers)), file) };
        }

        if (Get(nameof(c.CpuMoe)) is { } cmoe)
        {
            c = c with { CpuMoe = ParseBool(cmoe, FlagOf(nameof(c.CpuMoe)), file) };
        }

        if (Get(nameof(c.OverrideTensor)) is { } ot)
        {
            c = c with { OverrideTensor = ParseOverrideTensor(ot, FlagOf(nameof(c.OverrideTensor)), file) };
        }

        if (Threadpool(Get, FlagOf, file) is { } pool)
        {
            c = c with { Threadpool = pool.Settings };
            origins[nameof(c.Threadpool)] = $"{file}: {pool.Flags}";
        }

        foreach (var notConfig in new[] { "LoadMode", "Fit", "ContBatching", "Poll", "PollBatch", "Prio", "PrioBatch", "CpuStrict", "CpuStrictBatch", "CpuMask", "CpuMaskBatch" })
        {
            origins.Remove(notConfig);
        }

        return new ConfigFileSettings
        {
            Config = c,
            Parallel = parallel,
            KvUnified = kvUnified,
            GpuLayersAuto = auto,
            Origins = origins,
            NotApplied = notApplied,
        };
    }

    /// <summary>
    /// llama-server's two CPU threadpools (generation; batch = prompt) as the one JanTune runs: a batch setting that
    /// differs from its generation twin cannot be applied, so it is an error naming both flags. Null when none is given.
    /// </summary>
    private static (CpuThreadpoolSettings Settings, string Flags)? Threadpool(Func<string, string?> get, Func<string, string> flagOf, string file)
    {
        string? Pair(string property)
        {
            var main = get(property);
            var batch = get(property + "Batch");
            if (main is not null && batch is not null && main != batch)
            {
                throw CannotApply(file, flagOf(property + "Batch"), batch, $"jantune serve runs one CPU threadpool for generation and prompts; give {flagOf(property)} and {flagOf(property + "Batch")} the same value");
            }

            return main ?? batch;
        }

        var (poll, prio, strict, mask) = (Pair("Poll"), Pair("Prio"), Pair("CpuStrict"), Pair("CpuMask"));
        if (poll is null && prio is null && strict is null && mask is null)
        {
            return null;
        }

        var d = CpuThreadpoolSettings.Default;
        var settings = new CpuThreadpoolSettings
        {
            Poll = poll is null ? d.Poll : ParseNonNegative(poll, "--poll", file),
            Priority = prio is null ? d.Priority
                : int.TryParse(prio, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && Enum.IsDefined((GgmlSchedPriority)p) ? (GgmlSchedPriority)p
                : throw new JanTuneException($"{file}: '--prio' must be -1 to 3, got '{prio}'"),
            StrictCpu = strict is not null && ParseBool(strict, "--cpu-strict", file),
            CpuMask = mask ?? d.CpuMask,
        };
        if (settings.Problem() is { } problem)
        {
            throw new JanTuneException($"{file}: {problem}", "fix the --poll / --cpu-mask value");
        }

        var flags = string.Join(' ', new[] { ("--poll", poll), ("--prio", prio), ("--cpu-strict", strict), ("--cpu-mask", mask) }.Where(f => f.Item2 is not null).Select(f => $"{f.Item1} {f.Item2}"));
        return (settings, flags);
    }

    private sealed record LlamaFlag(string? Property, bool TakesValue, string? Implied = null);

    /// <summary>The llama-server flags serve understands (common/arg.cpp spellings); a null property is read past (listen address).</summary>
    private static readonly Dictionary<string, LlamaFlag> Flags = BuildFlags();

    private static Dictionary<string, LlamaFlag> BuildFlags()
    {
        var map = new Dictionary<string, LlamaFlag>(StringComparer.Ordinal);
        void Add(string property, params string[] names)
        {
            foreach (var n in names)
            {
                map[n] = new LlamaFlag(property, true);
            }
        }

        void Switch(string property, string value, params string[] names)
        {
            foreach (var n in names)
            {
                map[n] = new LlamaFlag(property, false, value);
            }
        }

        Add("ModelPath", "-m", "--model");
        Add("GpuLayers", "-ngl", "--gpu-layers", "--n-gpu-layers");
        Add("Backend", "-dev", "--device");
        Add("Threads", "-t", "--threads");
        Add("ThreadsBatch", "-tb", "--threads-batch");
        Add("ContextSize", "-c", "--ctx-size");
        Add("Parallel", "-np", "--parallel");
        Add("BatchSize", "-b", "--batch-size");
        Add("UBatchSize", "-ub", "--ubatch-size");
        Add("FlashAttention", "-fa", "--flash-attn");
        Add("CacheType", "-ctk", "--cache-type-k");
        Add("CacheTypeV", "-ctv", "--cache-type-v");
        Add("SplitMode", "-sm", "--split-mode");
        Add("TensorSplit", "-ts", "--tensor-split");
        Add("LoadMode", "-lm", "--load-mode");
        Add("Fit", "-fit", "--fit");
        Add("CpuMoeLayers", "-ncmoe", "--n-cpu-moe");
        Add("OverrideTensor", "-ot", "--override-tensor");
        Add("Poll", "--poll");
        Add("PollBatch", "--poll-batch");
        Add("Prio", "--prio");
        Add("PrioBatch", "--prio-batch");
        Add("CpuStrict", "--cpu-strict");
        Add("CpuStrictBatch", "--cpu-strict-batch");
        Add("CpuMask", "-C", "--cpu-mask");
        Add("CpuMaskBatch", "-Cb", "--cpu-mask-batch");
        Switch("CpuMoe", "true", "-cmoe", "--cpu-moe");
        Switch("KvUnified", "true", "-kvu", "--kv-unified");
        Switch("KvUnified", "false", "-no-kvu", "--no-kv-unified");
        Switch("WeightRepack", "false", "-nr", "--no-repack");
        Switch("WeightRepack", "true", "--repack");
        Switch("ContBatching", "true", "-cb", "--cont-batching");
        Switch("ContBatching", "false", "-nocb", "--no-cont-batching");
        foreach (var listen in new[] { "--host", "--port" })
        {
            map[listen] = new LlamaFlag(null, true);
        }

        return map;
    }

    /// <summary>POSIX shell words: single and double quotes, backslash escapes; enough for what the exporter writes.</summary>
    private static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (ch == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, (end < 0 ? line.Length : end) - i - 1);
                i = end < 0 ? line.Length : end;
                inWord = true;
            }
            else if (ch == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    word.Append(line[i] == '\\' && i + 1 < line.Length ? line[++i] : line[i]);
                }

                inWord = true;
            }
            else if (ch == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(ch);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
