using System.Globalization;
using CsvHelper;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

/// <summary>Writes trials as CSV through CsvHelper, one row per trial, numbers in the invariant culture.</summary>
public static class ResultsCsvExporter
{
    public static void Write(IEnumerable<TrialResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, true);
        csv.WriteRecords(results.Select(ToRow));
    }

    public static TrialCsvRow ToRow(TrialResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = r.Config;
        return new TrialCsvRow
        {
            TrialId = r.TrialId,
            ProfileId = r.ProfileId,
            Backend = c.Backend,
            Model = Path.GetFileName(c.ModelPath),
            Quant = c.Quant,
            Ngl = c.GpuLayers,
            Threads = c.Threads,
            NBatch = c.BatchSize,
            NUbatch = c.UBatchSize,
            Ctx = c.ContextSize,
            FlashAttn = c.FlashAttention.ToString().ToLowerInvariant(),
            CacheType = c.CacheType.ToString().ToLowerInvariant(),
            Repack = c.WeightRepack,
            SplitMode = c.SplitMode.ToString().ToLowerInvariant(),
            TensorSplit = c.TensorSplit,
            NCpuMoe = c.CpuMoeLayers,
            CpuMoe = c.CpuMoe,
            OverrideTensor = c.OverrideTensor,
            Test = r.Test.Name,
            Status = r.Status.ToString().ToLowerInvariant(),
            MeanTps = r.Stats?.Mean,
            StdDevTps = r.Stats?.StdDev,
            MedianTps = r.Stats?.Median,
            CiLower = r.Stats?.CiLower,
            CiUpper = r.Stats?.CiUpper,
            N = r.Stats?.N ?? 0,
            LlamaPerfTps = r.LlamaPerfTokensPerSecond,
            TtftMs = r.TimeToFirstTokenMs,
            PeakRssBytes = r.PeakRssBytes,
            DeviceMemoryBytes = r.DeviceMemoryBytes,
            PredictedMemoryBytes = r.PredictedMemoryBytes,
            DryRunHostBytes = r.DryRunHostBytes,
            DryRunDeviceBytes = r.DryRunDeviceBytes,
            PowerWatts = r.PowerWatts,
            JoulesPerToken = r.JoulesPerToken,
            GpuJoulesPerToken = r.GpuJoulesPerToken,
            CpuJoulesPerToken = r.CpuJoulesPerToken,
            EnergyScope = r.EnergyScope,
            EnergyUnavailable = r.EnergyUnavailableReason,
            LlamaBuild = r.LlamaBuild,
            CpuVariant = r.CpuVariant,
            Error = r.Error,
            StartedAt = r.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        };
    }
}
