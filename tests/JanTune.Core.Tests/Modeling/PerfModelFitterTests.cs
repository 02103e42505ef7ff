using JanTune.Core.Modeling;
using Xunit.Abstractions;

namespace JanTune.Core.Tests.Modeling;

public sealed class PerfModelFitterTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_SimulatedCpuSweep_CrossValidatedErrorIsReportedAndBounded()
    {
        // Given a full simulated CPU sweep with 3% noise
        var sim = SimulatedMachine.Cpu();
        var results = sim.MeasureAll(SimulatedMachine.CpuGrid());

        // When the model is fitted
        var model = PerfModelFitter.Fit(results, "sim");

        // Then every target that was measured reports a 5-fold CV MAPE, and it is small
        foreach (var t in model.Targets)
        {
            output.WriteLine($"{t.Backend} {t.Target}: CV MAPE {t.CvMape:P2} over {t.Folds} folds, t_sat {t.ThreadSaturation}; {t.Summary}");
        }

        Assert.Equal(4, model.Targets.Count); // no VRAM on a CPU sweep
        Assert.All(model.Targets, t => Assert.Equal(5, t.Folds));
        Assert.True(model.Find(PerfTarget.GenerationTokensPerSecond, "cpu")!.CvMape < 0.06);
        Assert.True(model.Find(PerfTarget.PromptTokensPerSecond, "cpu")!.CvMape < 0.08);
        Assert.True(model.Find(PerfTarget.TimeToFirstTokenMs, "cpu")!.CvMape < 0.08);
        Assert.True(model.Find(PerfTarget.PeakRamBytes, "cpu")!.CvMape < 0.03);
    }

    [Fact]
    public void Fit_SimulatedCudaSweep_FindsTheOutputLayerJump()
    {
        // Given a simulated CUDA sweep over NGL 0..L+1
        var sim = SimulatedMachine.Cuda();
        var grid = SimulatedMachine.CudaGrid();
        var model = PerfModelFitter.Fit(sim.MeasureAll(grid), "sim");
        foreach (var t in model.Targets)
        {
            output.WriteLine($"{t.Backend} {t.Target}: CV MAPE {t.CvMape:P2}; {t.Summary}");
        }

        // When NGL = L (output layer on the CPU) and NGL = L + 1 are predicted
        var layers = grid.First(c => c.GpuLayers == 32 && c.Threads == 16);
        var all = layers with { GpuLayers = 33 };
        var atL = model.Predict(PerfTarget.GenerationTokensPerSecond, layers, sim.Facts)!.Value;
        var atAll = model.Predict(PerfTarget.GenerationTokensPerSecond, all, sim.Facts)!.Value;

        // Then the model shows the jump the ground truth has (~2x), and VRAM is modelled too
        Assert.True(atAll > 1.6 * atL, $"predicted {atL:F0} -> {atAll:F0} t/s");
        Assert.True(model.Find(PerfTarget.GenerationTokensPerSecond, "cuda")!.CvMape < 0.10);
        Assert.NotNull(model.Find(PerfTarget.PeakVramBytes, "cuda"));
    }

    [Fact]
    public void Fit_FourTrials_FallsBackToFewerTermsAndSaysSo()
    {
        var sim = SimulatedMachine.Cpu();
        var results = sim.MeasureAll(SimulatedMachine.CpuGrid().Where((_, i) => i % 16 == 0));

        var model = PerfModelFitter.Fit(results, "sim");

        var gen = model.Find(PerfTarget.GenerationTokensPerSecond, "cpu")!;
        Assert.Contains("thin data", gen.Summary, StringComparison.Ordinal);
        Assert.True(gen.Coefficients.Count <= 2);
    }
}
