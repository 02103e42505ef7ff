using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;

namespace JanTune.Cli.Commands;

/// <summary>The options shared by `recommend` and `export`, and the path from them to a recommendation.</summary>
internal sealed class RecommendOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "Hardware profile id (default: the only profile in the results)" };

    public Option<FileInfo?> Results { get; } = new("--results") { Description = "Use a JSON array of TrialResult instead of the results store" };

    public Option<string?> Model { get; } = new("--model") { Description = "Model file name to recommend for (default: the only model in the results)" };

    public Option<string> Objective { get; } = new("--objective") { Description = "gen | prompt | balanced | energy", DefaultValueFactory = _ => "gen" };

    public Option<int> MinContext { get; } = new("--min-ctx") { Description = "Smallest acceptable context, tokens" };

    public Option<string?> MaxRam { get; } = new("--max-ram") { Description = "RAM limit, e.g. 8GiB" };

    public Option<string?> MaxVram { get; } = new("--max-vram") { Description = "VRAM limit, e.g. 4GiB" };

    public Option<string?> Headroom { get; } = new("--headroom") { Description = "Memory to leave free: 10% or 512MiB" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Profile, Results, Model, Objective, MinContext, MaxRam, MaxVram, Headroom })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Loads trials, fits and stores the profile's model, and recommends.</summary>
    public (Recommendation Recommendation, PerfModel Model, ModelFacts Facts, string ModelStorePath) Run(CliContext context, ParseResult parse, ITrialSource? source = null)
    {
        source ??= parse.GetValue(Results) is { } file ? new JsonTrialSource(file.FullName) : new StoreTrialSource(context.Paths);
        var requested = parse.GetValue(Profile);
        var trials = source.Load(requested);
        var models = trials.Select(t => t.Model?.FileName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var modelName = parse.GetValue(Model) ?? (models.Count <= 1 ? null
            : throw new JanTuneException($"the results hold {models.Count} models: {string.Join(", ", models)}", "pick one with --model"));
        if (modelName is not null)
        {
            trials = trials.Where(t => string.Equals(t.Model?.FileName, modelName, StringComparison.Ordinal)).ToList();
            if (trials.Count == 0)
            {
                throw new JanTuneException($"no trials of model {modelName}", $"use one of: {string.Join(", ", models)}");
            }
        }

        var profiles = trials.Select(t => t.ProfileId).Distinct(StringComparer.Ordinal).ToList();
        var profileId = requested ?? (profiles.Count == 1 ? profiles[0]
            : throw new JanTuneException(profiles.Count == 0 ? "no trials in the results" : $"results hold {profiles.Count} profiles", "pick one with --profile"));
        var facts = trials.Select(t => t.Model).FirstOrDefault(m => m is not null)
            ?? throw new JanTuneException("the trials carry no model facts", "re-run the sweep with this JanTune version, which records them");
        var model = PerfModelFitter.Fit(trials, profileId);
        var path = new PerfModelStore(context.Paths).Save(model);
        var constraints = new RecommendConstraints
        {
            MinContext = parse.GetValue(MinContext),
            MaxRamBytes = SizeParser.Bytes(parse.GetValue(MaxRam)),
            MaxVramBytes = SizeParser.Bytes(parse.GetValue(MaxVram)),
            Headroom = SizeParser.Headroom(parse.GetValue(Headroom)),
        };
        var candidates = trials.Where(t => t.Status == TrialStatus.Ok && (t.Model ?? facts) == facts).Select(t => t.Config).DistinctBy(c => c.Key).ToList();
        var recommendation = Recommender.Recommend(model, candidates, facts, ParseObjective(parse.GetValue(Objective)), constraints, trials);
        return (recommendation, model, facts, path);
    }

    private static TuningObjective ParseObjective(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "gen" or "generation" => TuningObjective.Generation,
        "prompt" or "pp" => TuningObjective.Prompt,
        "balanced" => TuningObjective.Balanced,
        "energy" => TuningObjective.Energy,
        _ => throw new JanTuneException($"unknown objective '{text}'", "use gen, prompt, balanced or energy"),
    };
}
