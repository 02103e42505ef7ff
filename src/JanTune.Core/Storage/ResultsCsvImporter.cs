using System.Globalization;
using CsvHelper;
using JanTune.Core.Backends;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

/// <summary>
/// Reads a <c>jantune results export --csv</c> file back into trials (<c>jantune results import</c>), in the invariant
/// culture, for one profile. Each trial gets the store's identity (profile, model file, configuration, test, build), so
/// importing a file twice adds nothing. What the CSV does not carry stays absent: raw samples, min/max, durations.
/// </summary>
public static partial class ResultsCsvImporter
{
    /// <summary>Columns added after the first exports; a file from before them reads with their defaults.</summary>
    private static readonly string[] Optional = ["NCpuMoe", "CpuMoe", "OverrideTensor", "GpuJoulesPerToken", "CpuJoulesPerToken", "EnergyScope"];

    /// <summary>Every column the exporter writes, in its order.</summary>
    public static IReadOnlyList<string> Columns { get; } = typeof(TrialCsvRow).GetProperties().Select(p => p.Name).ToArray();

    /// <summary>The trials of <paramref name="reader"/>, under <paramref name="profileId"/>; the first bad row or column throws.</summary>
    public static IReadOnlyList<TrialResult> Read(TextReader reader, string profileId, ImportModelLocator models)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(profileId);
        ArgumentNullException.ThrowIfNull(models);
        // Line numbers, not record numbers: an Error field may span lines, and a person opens the file at a line.
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, TrackLineNumbers = true }, true);
        try
        {
            CheckHeader(csv.Headers);
            var trials = new List<TrialResult>();
            while (csv.Read())
            {
                trials.Add(ToTrial(new CsvRowReader(csv, csv.LineNumber), profileId, models));
            }

            return trials;
        }
        catch (CsvFormatException e)
        {
            throw new JanTuneException(
                $"line {e.LineNumber.ToString(CultureInfo.InvariantCulture)}: malformed CSV ({e.Message}); nothing was imported",
                "fix the quoting or the number of fields on that line (a file written by `jantune results export --csv` reads back as it is)",
                e);
        }
    }

    private static void CheckHeader(IReadOnlyList<string> headers)
    {
        var missing = Columns.Except(Optional).Where(c => !headers.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new JanTuneException(
                $"line 1: not a `jantune results export --csv` header: missing column(s) {string.Join(", ", missing)}",
                "import a file written by `jantune results export --csv` (its first line names the columns, e.g. TrialId,ProfileId,Backend,Model,...)");
        }
    }

    private static TrialResult ToTrial(CsvRowReader row, string profileId, ImportModelLocator models)
    {
        var backend = row.Text("Backend");
        if (!BackendCatalog.All.Any(b => b.Backend == backend))
        {
            throw row.Error("Backend", $"unknown backend '{backend}'", $"use one of {string.Join(", ", BackendCatalog.All.Select(b => b.Backend))}");
        }

        var model = models.Find(row.Text("Model"), $"line {row.Line}, column Model");
        var config = new TrialConfig
        {
            Backend = backend,
            ModelPath = model.Path,
            Quant = row.Text("Quant"),
            GpuLayers = row.Parse<int>("Ngl"),
            Threads = row.Parse<int>("Threads"),
            BatchSize = row.Parse<int>("NBatch"),
            UBatchSize = row.Parse<int>("NUbatch"),
            ContextSize = row.Parse<int>("Ctx"),
            FlashAttention = row.Name<FlashAttention>("FlashAttn", LlamaCppNames.TryParseFlashAttention, "on, off or auto"),
            CacheType = row.Name<Gguf.GgmlType>("CacheType", LlamaCppNames.TryParseCacheType, "f16, q8_0, q4_0, ..."),
            WeightRepack = row.Parse<bool>("Repack"),
            SplitMode = row.Name<SplitMode>("SplitMode", LlamaCppNames.TryParseSplitMode, "none, layer or row"),
            TensorSplit = row.TextOrNull("TensorSplit") ?? string.Empty,
            CpuMoeLayers = row.Has("NCpuMoe") ? row.Parse<int>("NCpuMoe") : 0,
            CpuMoe = row.Has("CpuMoe") && row.Parse<bool>("CpuMoe"),
            OverrideTensor = OverrideTensor(row),
        };
        var test = row.Parse("Test", TrialTest.Parse, "a llama-bench test name: pp512, tg128 or tg128@d512");
        var build = row.Text("LlamaBuild");
        return new TrialResult
        {
            TrialId = TrialIdentity.Trial(profileId, model.Identity, ResultsStore.StoreKey(config), test.Name, build),
            ProfileId = profileId,
            LlamaBuild = build,
            CpuVariant = row.TextOrNull("CpuVariant"),
            Config = config,
            Test = test,
            Status = row.Name<TrialStatus>("Status", TryParseStatus, "ok, failed or skipped"),
            Error = row.TextOrNull("Error"),
            Stats = Statistics(row),
            ModelIdentity = model.Identity,
            Model = model.Facts,
            LlamaPerfTokensPerSecond = row.Number<double>("LlamaPerfTps"),
            TimeToFirstTokenMs = row.Number<double>("TtftMs"),
            PeakRssBytes = row.Number<long>("PeakRssBytes"),
            DeviceMemoryBytes = row.Number<long>("DeviceMemoryBytes"),
            PredictedMemoryBytes = row.Number<long>("PredictedMemoryBytes"),
            DryRunHostBytes = row.Number<long>("DryRunHostBytes"),
            DryRunDeviceBytes = row.Number<long>("DryRunDeviceBytes"),
            PowerWatts = row.Number<double>("PowerWatts"),
            JoulesPerToken = row.Number<double>("JoulesPerToken"),
            GpuJoulesPerToken = row.Has("GpuJoulesPerToken") ? row.Number<double>("GpuJoulesPerToken") : null,
            CpuJoulesPerToken = row.Has("CpuJoulesPerToken") ? row.Number<double>("CpuJoulesPerToken") : null,
            EnergyScope = row.Has("EnergyScope") ? row.TextOrNull("EnergyScope") : null,
            EnergyUnavailableReason = row.TextOrNull("EnergyUnavailable"),
            StartedAt = row.Parse("StartedAt", (s, p) => DateTimeOffset.ParseExact(s, "O", p, DateTimeStyles.None), "an ISO 8601 round-trip time, e.g. 2026-11-30T22:45:10.2923599+00:00"),
        };
    }

    /// <summary>
    /// The statistics the CSV carries. Min and max are not exported, so they read back as NaN (unknown, never a guess);
    /// the confidence level is the calculator's, and with no raw samples no outliers are claimed.
    /// </summary>
    private static SampleStatistics? Statistics(CsvRowReader row) => row.Number<double>("MeanTps") is not { } mean ? null
        : new SampleStatistics(
            row.Parse<int>("N"),
            mean,
            row.Number<double>("StdDevTps") ?? 0,
            row.Number<double>("MedianTps") ?? mean,
            double.NaN,
            double.NaN,
            row.Number<double>("CiLower") ?? mean,
            row.Number<double>("CiUpper") ?? mean,
            SampleStatisticsCalculator.Level,
            0);

    private static bool TryParseStatus(string? text, out TrialStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, CultureInfo.InvariantCulture, out _);

    private static string? OverrideTensor(CsvRowReader row)
    {
        var value = row.Has("OverrideTensor") ? row.TextOrNull("OverrideTensor") : null;
        try
        {
            return Inference.TensorOverrides.Normalize(value);
        }
        catch (JanTuneException ex)
        {
            throw new JanTuneException($"line {row.Line}, column OverrideTensor: {ex.Message}", ex.Hint);
        }
    }
}
