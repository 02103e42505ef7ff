using JanTune.Core.Hardware;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

/// <summary>
/// A report from the results store: the profile's trials and hardware, the performance model's predictions for every
/// measured configuration (with its cross-validated error), and the stored recommendation (recommended.json), or
/// the default objective's when none is stored.
/// </summary>
public sealed class StoreReportSource(JanTunePaths paths, ITrialSource? trials = null) : IReportSource
{
    public ReportInput Load(string? profileId)
    {
        var all = (trials ?? new StoreTrialSource(paths)).Load(profileId);
        var profiles = all.Select(t => t.ProfileId).Distinct(StringComparer.Ordinal).ToList();
        var id = profileId ?? (profiles.Count == 1 ? profiles[0]
            : throw new JanTuneException($"the results hold {profiles.Count} hardware profiles: {string.Join(", ", profiles)}", "pick one with --profile"));
        var results = all.Where(t => t.ProfileId == id).ToList();
        var input = new ReportInput(Summarize(id, results), results);
        var facts = results.Select(t => t.Model).FirstOrDefault(m => m is not null);
        if (facts is null || results.Count(t => t.Status == TrialStatus.Ok) < 4)
        {
            return input with { Recommendation = Stored(results, id) }; // too little to fit a model: the report says predictions were not made
        }

        var model = PerfModelFitter.Fit(results, id);
        return input with { Predictions = Predict(model, results), Recommendation = Recommend(results, id, facts) };
    }

    private HardwareSummary Summarize(string id, IReadOnlyList<TrialResult> results)
    {
        var profile = new HardwareProfileStore(paths).Load(id);
        var backends = results.Select(r => r.Config.Backend).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (profile is null)
        {
            var (seen, note) = HardwareSummary.GpusSeen([], [], results);
            return new HardwareSummary(id) { Backends = backends, LlamaBuild = results[0].LlamaBuild, Gpus = seen, GpuNote = note };
        }

        var hw = profile.Hardware;
        var (gpus, gpuNote) = HardwareSummary.GpusSeen(
            hw.Accelerators.Select(d => $"{d.Description} ({d.TotalBytes >> 30} GiB, {d.Backend})"),
            hw.Backends.Select(b => b.ProbeError is null ? null : $"{b.Backend}: {b.ProbeError}").OfType<string>(),
            results);
        return new HardwareSummary(id)
        {
            Cpu = $"{hw.Cpu.Model} ({string.Join(' ', hw.Cpu.Extensions.Where(e => e.StartsWith("avx", StringComparison.Ordinal) || e.StartsWith("amx", StringComparison.Ordinal)))})",
            Cores = hw.Cpu.PhysicalCores,
            RamBytes = hw.Memory.TotalBytes,
            Os = $"{hw.Os.Name}, kernel {hw.Os.Kernel}",
            Gpus = gpus,
            GpuNote = gpuNote,
            LlamaBuild = profile.LlamaBuild ?? results[0].LlamaBuild,
            Backends = backends,
        };
    }

    private static PredictionSet Predict(PerfModel model, IReadOnlyList<TrialResult> results)
    {
        var predictions = new List<Prediction>();
        foreach (var r in results.Where(r => r.Status == TrialStatus.Ok && r.Model is not null))
        {
            var target = r.Test.Kind == TestKind.Prompt ? PerfTarget.PromptTokensPerSecond : PerfTarget.GenerationTokensPerSecond;
            var speed = model.Predict(target, r.Config, r.Model!, r.Test);
            var ram = model.Predict(PerfTarget.PeakRamBytes, r.Config, r.Model!, r.Test);
            if (speed is not null)
            {
                predictions.Add(new Prediction(r.Config, r.Test, speed.Value, (long)(ram?.Value ?? 0)));
            }
        }

        var mape = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var test in results.Select(r => r.Test).Distinct())
        {
            var target = test.Kind == TestKind.Prompt ? PerfTarget.PromptTokensPerSecond : PerfTarget.GenerationTokensPerSecond;
            var cv = model.Targets.Where(t => t.Target == target && double.IsFinite(t.CvMape)).Select(t => t.CvMape).DefaultIfEmpty(double.NaN).Max();
            if (double.IsFinite(cv))
            {
                mape[test.Name] = cv * 100;
            }
        }

        var memory = model.Targets.Where(t => t.Target == PerfTarget.PeakRamBytes && double.IsFinite(t.CvMape)).Select(t => t.CvMape).DefaultIfEmpty(double.NaN).Max();
        if (double.IsFinite(memory))
        {
            mape["memory"] = memory * 100;
        }

        return new PredictionSet(predictions, mape) { Predictors = model.Targets.Select(PredictorText).ToList() };
    }

    /// <summary>"cpu GenerationTokensPerSecond: FastTreeResidual, CV MAPE 4.1% (Physical 15.2%, LightGbm 5.3%)".</summary>
    internal static string PredictorText(TargetModel t)
    {
        static string Cv(double v) => double.IsFinite(v) ? ReportFormat.Percent(v * 100) : "not cross-validated";
        var others = t.Families.Where(f => f.Family != t.Predictor).Select(f => $"{f.Family} {Cv(f.CvMape)}").ToList();
        return $"{t.Backend} {t.Target}: {t.Predictor}, CV MAPE {Cv(t.CvMape)}{(others.Count > 0 ? $" ({string.Join(", ", others)})" : string.Empty)}";
    }

    /// <summary>
    /// The stored recommendation (profiles/&lt;id&gt;/recommended.json, the one serve --profile applies and export writes)
    /// when there is one; else the default objective's, labelled as not stored.
    /// </summary>
    private ReportRecommendation? Recommend(IReadOnlyList<TrialResult> results, string profileId, ModelFacts facts)
    {
        if (Stored(results, profileId) is { } stored)
        {
            return stored;
        }

        try
        {
            // No stored choice: the same fit-and-recommend as `jantune recommend`, for its default objective, and said so.
            var tuned = Tuner.Recommend(results, new RecommendRequest { ProfileId = profileId, ModelFile = facts.FileName });
            var rec = tuned.Recommendation;
            var candidates = tuned.Trials.Where(t => t.Status == TrialStatus.Ok).Select(t => t.Config.Key).Distinct(StringComparer.Ordinal).Count();
            return new ReportRecommendation(rec.Best.Config)
            {
                GenerationTokensPerSecond = rec.Best.Generation?.Value,
                PromptTokensPerSecond = rec.Best.Prompt?.Value,
                MemoryBytes = rec.Best.RamBytes + rec.Best.VramBytes,
                Baselines = BaselineComparer.Compare(tuned.Trials, rec.Best.Config),
                Source = $"no recommendation stored for profile {profileId}: shown is the default objective's (gen, no constraints); `jantune recommend --profile {profileId}` stores one, which export, serve --profile and this report then use",
                Rationale = $"fastest generation among {candidates} measured configurations of {facts.FileName} (ranked on the measurements, predictions shown)"
                    + (rec.RunnerUp is { Generation: { } g } ? $"; runner-up {g.Value:F1} tokens/s" : string.Empty),
            };
        }
        catch (JanTuneException)
        {
            return null;
        }
    }

    /// <summary>profiles/&lt;id&gt;/recommended.json as the report shows it; null when recommend has stored none.</summary>
    private ReportRecommendation? Stored(IReadOnlyList<TrialResult> results, string profileId)
    {
        if (!File.Exists(RecommendedConfig.PathFor(paths, profileId)))
        {
            return null;
        }

        var stored = RecommendedConfig.Load(paths, profileId);
        return new ReportRecommendation(stored.Config)
        {
            GenerationTokensPerSecond = stored.Predicted?.Generation?.Value,
            PromptTokensPerSecond = stored.Predicted?.Prompt?.Value,
            MemoryBytes = stored.Predicted is { } p ? p.RamBytes + p.VramBytes : null,
            Baselines = stored.Baselines,
            Source = stored.SourceText(paths),
            Warning = stored.StaleWarning(results),
            Rationale = $"chosen by `jantune recommend` for objective {stored.ObjectiveName} among the measured configurations of {stored.ModelFile}",
        };
    }
}
