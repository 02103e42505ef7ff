using System.Globalization;
using System.Xml.Linq;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    /// <summary>What the sweep found: the measured effect of every axis that varied, strongest first, with its pairs.</summary>
    public static ReportSection? Findings(TrialView view)
    {
        var effects = AxisEffects.Rank(view.Measured);
        if (effects.Count == 0)
        {
            return null;
        }

        var body = new List<XElement>();
        var lead = effects.FirstOrDefault(e => !e.TooFewPairs && !e.Inconsistent && e.NoisyPairs == 0) ?? effects[0];
        body.Add(Html.El("p", new XAttribute("class", "lead"), Sentence(lead)));
        var rows = effects.Select((e, i) => (IReadOnlyList<object>)
        [
            ReportFormat.Int(i + 1), e.Axis, e.Test.Name, $"{e.Faster} vs {e.Slower}", Ratio(e.Ratio),
            e.Pairs == 1 ? "-" : $"{Ratio(e.MinPairRatio)} to {Ratio(e.MaxPairRatio)}", ReportFormat.Int(e.Pairs), Caveat(e),
        ]);
        body.Add(Html.Table(["#", "Axis", "Test", "Values", "Speed ratio", "Per pair", "Pairs", "Note"], rows, "numbers effects"));
        body.Add(Html.Note(
            "Each ratio divides the mean tokens/s at the faster value by the mean at the slower one, over the configurations measured at both "
            + $"with every other setting equal (pairs); an axis with more than two values shows its two most different values. Fewer than {ReportFormat.Int(AxisEffects.MinPairs)} pairs are flagged."));
        return new ReportSection("findings", "What this sweep found", body, []);
    }

    private static string Sentence(AxisEffect e) =>
        $"Largest measured effect: {e.Axis} {e.Faster} instead of {e.Slower} gives {Ratio(e.Ratio)} the {(e.Test.Kind == TestKind.Prompt ? "prompt" : "generation")} speed ({e.Test.Name}), "
        + $"over {ReportFormat.Int(e.Pairs)} {(e.Pairs == 1 ? "pair" : "pairs")} of configurations that differ only in {e.Axis}."
        + (Caveat(e) is { Length: > 0 } c ? " " + c[..1].ToUpperInvariant() + c[1..] + "." : string.Empty);

    private static string Caveat(AxisEffect e) =>
        string.Join("; ", new[]
        {
            e.TooFewPairs ? $"rests on {ReportFormat.Int(e.Pairs)} {(e.Pairs == 1 ? "pair" : "pairs")}, too few to generalise" : null,
            e.Inconsistent ? "some pairs go the other way" : null,
            e.NoisyPairs > 0 ? $"{ReportFormat.Int(e.NoisyPairs)} of its {ReportFormat.Int(e.Pairs)} pairs rest on a trial too noisy to rank" : null,
        }.OfType<string>());

    private static string Ratio(double r) => r.ToString(r >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "x";
}
