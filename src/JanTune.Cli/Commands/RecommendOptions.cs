using System.CommandLine;
using JanTune.Core;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;

namespace JanTune.Cli.Commands;

/// <summary>`recommend`'s options, and the path from them to a recommendation (export writes the stored one instead).</summary>
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

    /// <summary>Loads trials, fits and stores the profile's model, and recommends (all in <see cref="Tuner"/>).</summary>
    public (ProfileRecommendation Result, string ModelStorePath) Run(CliContext context, ParseResult parse, ITrialSource? source = null)
    {
        source ??= parse.GetValue(Results) is { } file ? new JsonTrialSource(file.FullName) : new StoreTrialSource(context.Paths);
        var requested = parse.GetValue(Profile);
        var request = new RecommendRequest
        {
            ProfileId = requested,
            ModelFile = parse.GetValue(Model),
            Objective = ParseObjective(parse.GetValue(Objective)),
            Constraints = new RecommendConstraints
            {
                MinContext = parse.GetValue(MinContext),
                MaxRamBytes = SizeParser.Bytes(parse.GetValue(MaxRam)),
                MaxVramBytes = SizeParser.Bytes(parse.GetValue(MaxVram)),
                Headroom = SizeParser.Headroom(parse.GetValue(Headroom)),
            },
        };
        var result = Tuner.Recommend(source.Load(requested), request);
        var path = new PerfModelStore(context.Paths).Save(result.Model);
        return (result, path);
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
