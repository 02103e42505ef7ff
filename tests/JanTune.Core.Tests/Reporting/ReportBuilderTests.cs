using System.Xml.Linq;
using JanTune.Core.Inference;
using JanTune.Core.Reporting;
using JanTune.Core.Reporting.Charts;
using JanTune.Core.Sweeps;
using JanTune.Core.Tests.Snapshots;

namespace JanTune.Core.Tests.Reporting;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_FixedResults_HtmlMatchesSnapshot()
    {
        // Given the fixed sweep, When the report is built, Then the HTML is exactly the reviewed one
        var doc = new ReportBuilder().Build(ReportFixture.Input, "report");
        Snapshot.Verify("report", "html", doc.Html);
    }

    [Fact]
    public void Build_FixedResults_OffloadSvgMatchesSnapshot()
    {
        var doc = new ReportBuilder().Build(ReportFixture.Input, "report");
        var chart = doc.Charts.Single(c => c.Id == "offload-tg128");
        Snapshot.Verify("report-offload-tg128", "svg", ChartRenderer.ToSvgDocument(chart));
    }

    [Fact]
    public void Build_FixedResults_EverySectionHasContent()
    {
        // Given the fixed sweep, When built, Then offload charts mark the output layer and failures list their reasons
        var doc = new ReportBuilder().Build(ReportFixture.Input, "report");
        var ids = doc.Charts.Select(c => c.Id).ToList();
        Assert.Contains("offload-pp512", ids);
        Assert.Contains("memory-ngl", ids);
        Assert.Contains("threads-tg128", ids);
        Assert.Contains("quant-size", ids);
        Assert.Contains("batch-n-ubatch", ids);
        Assert.Contains("energy-ngl", ids);
        Assert.Contains("predicted-speed", ids);
        Assert.Contains("pareto", ids);
        Assert.All(doc.Charts, c => Assert.True(c.HasData, c.Id));
        Assert.Contains(doc.Charts.Single(c => c.Id == "offload-pp512").Annotations, a => a.X == ReportFixture.Layers + 1);
        Assert.Contains("&lt;CUDA error 999 &amp; \"unknown\"&gt;", doc.Html, StringComparison.Ordinal);
        Assert.Contains("MAPE: memory 3.2%, pp512 6.1%, tg128 7.4%", doc.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", doc.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not measured", doc.Html, StringComparison.Ordinal);
        Assert.Equal(doc.Charts.Count, CountOf(doc.Html, "<details class=\"data\">"));
        Assert.DoesNotContain("http://", doc.Html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralSplits_DrawsOneBarPerSplitAndNgl()
    {
        // Given the fixed sweep's CUDA trials at NGL 23 measured again with two other multi-GPU splits
        var cuda = ReportFixture.Results.Where(r => r.Status == TrialStatus.Ok && r.Config.Backend == "cuda" && r.Config.GpuLayers == 23 && r.Config.Quant == "q4_0").ToList();
        var split = cuda.Select(r => r with { TrialId = r.TrialId + "-none", Config = r.Config with { SplitMode = SplitMode.None } })
            .Concat(cuda.Select(r => r with { TrialId = r.TrialId + "-t31", Config = r.Config with { SplitMode = SplitMode.Tensor, TensorSplit = "3,1" } }));

        // When built
        var doc = new ReportBuilder().Build(new ReportInput(ReportFixture.Hardware, [.. ReportFixture.Results, .. split]));

        // Then each test has a split chart whose categories are the three splits, every bar with data
        var chart = Assert.IsType<BarChart>(doc.Charts.Single(c => c.Id == "split-tg128"));
        Assert.Equal(["layer", "none", "tensor 3,1"], chart.Categories);
        Assert.True(chart.HasData);
        Assert.Contains(chart.Series, s => s.Points.Count == 3);
        Assert.Contains("split tensor 3,1", doc.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MoeTrialsOverExpertPlacement_DrawsSpeedPerExpertLayersOnCpuAndListsEveryPlacement()
    {
        // Given the fixed sweep's CUDA trials at full offload, as if of an MoE model, measured with the experts of
        // 0, 8 and all layers on the CPU (cpu_moe)
        var cuda = ReportFixture.Results.Where(r => r.Status == TrialStatus.Ok && r.Config.Backend == "cuda" && r.Config.GpuLayers == ReportFixture.Layers + 1).ToList();
        var moe = cuda.SelectMany(r => new[]
        {
            r with { TrialId = r.TrialId + "-e0" },
            r with { TrialId = r.TrialId + "-e8", Config = r.Config with { CpuMoeLayers = 8 } },
            r with { TrialId = r.TrialId + "-all", Config = r.Config with { CpuMoe = true } },
        }).Select(r => r with { Model = r.Model! with { ExpertBytesPerLayer = 1L << 28 } }).ToList();

        // When built
        var doc = new ReportBuilder().Build(new ReportInput(ReportFixture.Hardware, [.. ReportFixture.Results, .. moe]));

        // Then each test has an expert-placement chart whose x values are 0, 8 and the layer count (cpu_moe)
        var chart = Assert.IsType<LineChart>(doc.Charts.Single(c => c.Id == "experts-tg128"));
        Assert.Equal([0, 8, ReportFixture.Layers], chart.Series.SelectMany(s => s.Points).Select(p => p.X).Distinct().Order().ToList());
        Assert.Contains("all on cpu (cpu_moe)", doc.Html, StringComparison.Ordinal);
        Assert.Contains("layers 0-7 on cpu", doc.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MoeTrialWithOverrideTensor_IsItsOwnSeriesAtTheLayersItsPatternsReach()
    {
        // Given the CUDA full-offload trials as an MoE at n_cpu_moe 0, and again with --fit-style overrides of two layers
        var cuda = ReportFixture.Results.Where(r => r.Status == TrialStatus.Ok && r.Config.Backend == "cuda" && r.Config.GpuLayers == ReportFixture.Layers + 1).ToList();
        const string ot = @"blk\.4\.ffn_(gate|down)_exps=CPU,blk\.5\.ffn_(up|down|gate)_exps=CPU";
        var moe = cuda.SelectMany(r => new[]
        {
            r with { TrialId = r.TrialId + "-e0" },
            r with { TrialId = r.TrialId + "-ot", Config = r.Config with { OverrideTensor = ot } },
        }).Select(r => r with { Model = r.Model! with { ExpertBytesPerLayer = 1L << 28 } }).ToList();

        // When built
        var doc = new ReportBuilder().Build(new ReportInput(ReportFixture.Hardware, [.. ReportFixture.Results, .. moe]));

        // Then the override placement is a series of its own at 2 layers, not merged into n_cpu_moe 0
        var chart = Assert.IsType<LineChart>(doc.Charts.Single(c => c.Id == "experts-tg128"));
        var (withOt, without) = (chart.Series.Where(s => s.Name.EndsWith("-ot", StringComparison.Ordinal)).ToList(), chart.Series.Where(s => !s.Name.EndsWith("-ot", StringComparison.Ordinal)).ToList());
        Assert.NotEmpty(withOt);
        Assert.NotEmpty(without);
        Assert.All(without, s => Assert.Equal([0.0], s.Points.Select(p => p.X)));
        Assert.All(withOt, s => Assert.Equal([2.0], s.Points.Select(p => p.X)));
        Assert.Contains("-ot 2 pattern(s) on cpu", doc.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FixedResults_HasNoExpertSectionForADenseModel()
    {
        var doc = new ReportBuilder().Build(ReportFixture.Input, "report");
        Assert.DoesNotContain(doc.Charts, c => c.Id.StartsWith("experts-", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OnlyFailedTrials_LeavesOutSectionsWithoutData()
    {
        // Given a sweep where nothing was measured, When built, Then no chart is drawn and only hardware and failures remain
        var failed = ReportFixture.Results.Where(r => r.Status != TrialStatus.Ok).ToList();
        var doc = new ReportBuilder().Build(new ReportInput(ReportFixture.Hardware, failed));
        Assert.Empty(doc.Charts);
        Assert.DoesNotContain("<svg", doc.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not measured", doc.Html, StringComparison.Ordinal);
        var sections = XDocument.Parse(doc.Html["<!DOCTYPE html>\n".Length..]).Descendants("section").Select(e => (string?)e.Attribute("id")).ToList();
        Assert.Equal(["hardware", "failures"], sections);
    }

    [Fact]
    public void Build_FixedResults_OpensWithRankedEffectsThenMeasuredRecommendation()
    {
        // Given the fixed sweep, When built, Then the first section ranks the measured effects and the recommendation
        // shows its measurement before the prediction
        var doc = new ReportBuilder().Build(ReportFixture.Input, "report");
        var html = XDocument.Parse(doc.Html["<!DOCTYPE html>\n".Length..]);
        var sections = html.Descendants("section").ToList();
        Assert.Equal("findings", (string?)sections[0].Attribute("id"));
        Assert.Equal("recommendation", (string?)sections[1].Attribute("id"));
        Assert.StartsWith("Largest measured effect: GPU layers 23 instead of 0", sections[0].Descendants("p").First().Value, StringComparison.Ordinal);
        var first = sections[1].Descendants("table").First();
        Assert.Equal(["Test", "measured tokens/s (mean)", "± sd (n)", "predicted tokens/s"], first.Descendants("th").Select(t => t.Value));
        var tg = first.Descendants("tr").Single(r => r.Elements("td").FirstOrDefault()?.Value == "tg128").Elements("td").Select(t => t.Value).ToList();
        var measured = ReportFixture.Results.Single(r => r.Status == TrialStatus.Ok && r.Test == TrialTest.Tg128 && r.Config.Key == ReportFixture.Config("cuda", "q4_0", 23, 2).Key);
        Assert.Equal(ChartNumber.Value(measured.Stats!.Mean), tg[1]);
        Assert.NotEqual("not predicted", tg[3]);
    }
    [Fact]
    public void Write_FixedResults_HtmlAndStandaloneSvgsUnderProfileFolder()
    {
        // Given an output folder, When written, Then reports/<profile>/<name>.html and one parseable SVG per chart exist
        var dir = Path.Combine(Path.GetTempPath(), "jantune-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new ReportBuilder().Write(ReportFixture.Input, dir, "sweep1");
            Assert.Equal(Path.Combine(dir, "ci-h200-a1b2", "sweep1.html"), output.HtmlPath);
            Assert.True(File.Exists(output.HtmlPath));
            Assert.NotEmpty(output.SvgPaths);
            Assert.All(output.SvgPaths, p => Assert.Equal("svg", XDocument.Load(p).Root!.Name.LocalName));
            Assert.Contains("href=\"sweep1-pareto.svg\"", File.ReadAllText(output.HtmlPath), StringComparison.Ordinal);
            Assert.Empty(output.PngPaths);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Write_Png_OnePngPerChartLinkedFromTheCaption()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jantune-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new ReportBuilder().Write(ReportFixture.Input, dir, "sweep1", png: true);
            Assert.Equal(output.SvgPaths.Count, output.PngPaths.Count);
            Assert.All(output.PngPaths, p => Assert.Equal((byte)0x89, File.ReadAllBytes(p)[0]));
            Assert.Contains("href=\"sweep1-pareto.png\"", File.ReadAllText(output.HtmlPath), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    public void Write_ProfileIdWithPath_Throws(string profile)
    {
        var input = ReportFixture.Input with { Hardware = ReportFixture.Hardware with { ProfileId = profile } };
        var ex = Assert.Throws<JanTuneException>(() => new ReportBuilder().Write(input, Path.GetTempPath(), "r"));
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void ParetoFront_MixedConfigs_KeepsOnlyUndominated()
    {
        var front = ReportSections.ParetoFront(ReportFixture.Results.Where(r => r.Status == TrialStatus.Ok && r.Test == TrialTest.Tg128));
        Assert.True(front.Count >= 2);
        for (var i = 1; i < front.Count; i++)
        {
            Assert.True(front[i].Stats!.Mean > front[i - 1].Stats!.Mean);
        }
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
