using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>Picks the best candidate for an objective under constraints, from the model and the measured trials.</summary>
public static class Recommender
{
    /// <summary>
    /// Recommends a configuration. A configuration that was measured is ranked on its measurement (the exact evidence;
    /// the model may not even see the difference, as with a multi-GPU split), one that was not on the model's
    /// prediction. Energy is ranked on measured joules per token only: with no energy measurement this throws (an
    /// estimate would be a guess dressed as a number).
    /// </summary>
    public static Recommendation Recommend(
        PerfModel model,
        IReadOnlyList<TrialConfig> candidates,
        ModelFacts facts,
        TuningObjective objective,
        RecommendConstraints constraints,
        IReadOnlyList<TrialResult>? measured = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(constraints);
        var trials = (measured ?? []).Where(r => r.Status == TrialStatus.Ok).ToList();
        var byConfig = trials.GroupBy(r => r.Config.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (objective == TuningObjective.Energy && !trials.Any(r => r.JoulesPerToken is > 0))
        {
            var why = trials.Select(r => r.EnergyUnavailableReason).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? "no trial recorded joules per token";
            throw new JanTuneException(
                $"cannot recommend for energy: no energy was measured ({why}); JanTune does not estimate energy",
                "run the sweep on a machine with NVML (NVIDIA) or readable RAPL counters, or choose --objective gen|prompt|balanced");
        }

        var rejected = new List<string>();
        var eligible = new List<CandidateAssessment>();
        foreach (var config in candidates.DistinctBy(c => c.Key))
        {
            var mine = byConfig.GetValueOrDefault(config.Key) ?? [];
            var a = Assess(model, config, facts, objective, mine);
            var reason = Violation(a, constraints);
            if (reason is not null)
            {
                rejected.Add($"{config.Key}: {reason}");
            }
            else if (double.IsFinite(a.Score))
            {
                eligible.Add(a);
            }
        }

        var ranked = eligible.OrderByDescending(a => a.Score).ThenBy(a => a.Config.Key, StringComparer.Ordinal).ToList();
        if (ranked.Count == 0)
        {
            throw new JanTuneException(
                $"no candidate satisfies the constraints ({rejected.Count} rejected, e.g. {rejected.FirstOrDefault() ?? "none had data for the objective"})",
                "relax --max-ram/--max-vram/--headroom/--min-ctx, or sweep smaller contexts and fewer GPU layers");
        }

        var best = ranked[0];
        return new Recommendation(objective, best, ranked.Count > 1 ? ranked[1] : null, Supporting(best.Config, byConfig, trials), rejected);
    }

    private static CandidateAssessment Assess(PerfModel model, TrialConfig config, ModelFacts facts, TuningObjective objective, List<TrialResult> mine)
    {
        var gen = model.Predict(PerfTarget.GenerationTokensPerSecond, config, facts);
        var pp = model.Predict(PerfTarget.PromptTokensPerSecond, config, facts);
        var ttft = model.Predict(PerfTarget.TimeToFirstTokenMs, config, facts);
        // Memory, like speed, is the measurement where there is one: the model's upper bound (prediction + its
        // cross-validated error) only stands in for a configuration never run. Letting a bound 10-15 % above the
        // measured peak overrule it kept a measured fit out of a VRAM budget (an MoE placement at 12 GiB on the H200).
        var prior = MemoryPredictor.Predict(config, facts);
        var measuredRam = mine.Max(r => r.PeakRssBytes);
        var measuredVram = WeightPlacement.IsCpuBackend(config.Backend) ? null : mine.Max(r => r.DeviceMemoryBytes);
        var ram = measuredRam ?? Upper(model.Predict(PerfTarget.PeakRamBytes, config, facts)) ?? (long)(prior.RamBytes * 1.1);
        var vram = WeightPlacement.IsCpuBackend(config.Backend) ? 0
            : measuredVram ?? Upper(model.Predict(PerfTarget.PeakVramBytes, config, facts)) ?? (long)(prior.VramBytes * 1.1);
        var joules = mine.Where(r => r.JoulesPerToken is > 0).Select(r => r.JoulesPerToken).FirstOrDefault();
        var score = objective == TuningObjective.Energy
            ? (joules is { } j ? -j : double.NaN)
            : ObjectiveValues.Measured(objective, mine) ?? ObjectiveValues.Predicted(objective, model, config, facts) ?? double.NaN;
        return new CandidateAssessment(config, gen, pp, ttft, ram, vram, joules, score) { RamMeasured = measuredRam is not null, VramMeasured = measuredVram is not null };
    }

    private static long? Upper(PerfPrediction? p) => p is null ? null : (long)p.Upper;

    private static string? Violation(CandidateAssessment a, RecommendConstraints c)
    {
        if (a.Config.ContextSize < c.MinContext)
        {
            return $"context {a.Config.ContextSize} < required {c.MinContext}";
        }

        if (c.MaxRamBytes is { } maxRam && a.RamBytes > c.Headroom.Usable(maxRam))
        {
            return $"RAM up to {a.RamBytes} bytes > usable {c.Headroom.Usable(maxRam)}";
        }

        if (c.MaxVramBytes is { } maxVram && a.VramBytes > c.Headroom.Usable(maxVram))
        {
            return $"VRAM up to {a.VramBytes} bytes > usable {c.Headroom.Usable(maxVram)}";
        }

        return null;
    }

    private static List<TrialResult> Supporting(TrialConfig best, Dictionary<string, List<TrialResult>> byConfig, List<TrialResult> trials)
    {
        if (byConfig.TryGetValue(best.Key, out var own))
        {
            return own;
        }

        var geometry = new GridGeometry(trials.Select(t => t.Config).Append(best));
        return trials.Select(t => t.Config).DistinctBy(c => c.Key)
            .OrderBy(c => geometry.Distance(c, best)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(3).SelectMany(c => byConfig[c.Key]).ToList();
    }
}
