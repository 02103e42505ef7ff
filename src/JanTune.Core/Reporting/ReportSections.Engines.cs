using System.Globalization;
using System.Xml.Linq;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Reporting;

internal static partial class ReportSections
{
    /// <summary>
    /// The engines side by side: each configuration and test measured by more than one engine (tune.json "engine"),
    /// its tokens/s per engine and the ratio to the npm build, so a .NET developer sees which llama.cpp build is faster
    /// on this machine. Only pairs with every other setting equal are compared.
    /// </summary>
    public static ReportSection? Engines(IReadOnlyList<TrialResult> results)
    {
        var measured = results.Where(r => r.Status == TrialStatus.Ok && r.Stats is not null && r.Baselines.Count == 0).ToList();
        var engines = measured.Select(r => r.Config.Engine).Distinct().Order().ToList();
        if (engines.Count < 2 || !engines.Contains(SweepEngine.Npm))
        {
            return null;
        }

        var others = engines.Where(e => e != SweepEngine.Npm).ToList();
        var pairs = measured
            .GroupBy(r => (Key: (r.Config with { Engine = SweepEngine.Npm, ModelPath = Path.GetFileName(r.Config.ModelPath) }).Key, r.Test))
            .Select(g => (g.Key.Test, Config: g.First().Config, ByEngine: g.GroupBy(r => r.Config.Engine).ToDictionary(e => e.Key, e => e.OrderByDescending(r => r.StartedAt).First())))
            .Where(p => p.ByEngine.ContainsKey(SweepEngine.Npm) && others.Any(p.ByEngine.ContainsKey))
            .OrderBy(p => p.Test.Kind).ThenBy(p => p.Test.Tokens).ThenBy(p => p.Test.Depth)
            .ThenBy(p => p.Config.Threads).ThenBy(p => ReportFormat.Config(p.Config), StringComparer.Ordinal)
            .ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var headers = new List<string> { "Test", "Configuration", "npm tokens/s (mean ± sd)" };
        foreach (var e in others)
        {
            headers.Add($"{e.Name()} tokens/s (mean ± sd)");
            headers.Add($"{e.Name()} / npm");
        }

        var rows = pairs.Select(p =>
        {
            var npm = p.ByEngine[SweepEngine.Npm];
            var row = new List<object> { p.Test.Name, ReportFormat.Config(p.Config), npm.Stats!.MeanSdText() };
            foreach (var e in others)
            {
                var other = p.ByEngine.GetValueOrDefault(e);
                row.Add(other?.Stats!.MeanSdText() ?? "not measured");
                row.Add(other is null ? "-" : RatioText(other.Stats!.Mean / npm.Stats.Mean));
            }

            return (IReadOnlyList<object>)row;
        });
        var body = new List<XElement> { Html.Table(headers, rows, "numbers engines") };
        foreach (var e in others)
        {
            foreach (var test in pairs.Select(p => p.Test).Distinct())
            {
                var ratios = pairs.Where(p => p.Test == test && p.ByEngine.ContainsKey(e))
                    .Select(p => p.ByEngine[e].Stats!.Mean / p.ByEngine[SweepEngine.Npm].Stats!.Mean).Order().ToList();
                if (ratios.Count > 0)
                {
                    body.Add(Html.Note($"{test.Name}: {e.Name()} runs at {RatioText(ratios[ratios.Count / 2])} the npm build's speed (median of {ReportFormat.Int(ratios.Count)} configurations; below 1 means npm is faster)."));
                }
            }
        }

        body.Add(Html.Note(
            "Both engines are measured the same way (random tokens, same-shape warmup, the same repetitions and statistics), each in a worker process of its own. "
            + "npm is node-llama-cpp's llama.cpp build through JanTune's own binding, the build serve and every export run on; llamasharp is LLamaSharp's own build "
            + "(LLamaSharp.Backend.Cpu) through LLamaSharp's API, as a .NET application using LLamaSharp would run it. The performance model and the recommendation use npm trials only."));
        return new ReportSection("engines", "Engines: npm vs LLamaSharp", body, []);
    }

    private static string RatioText(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
