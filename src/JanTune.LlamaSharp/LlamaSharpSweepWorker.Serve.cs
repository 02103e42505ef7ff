using JanTune.Core;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;
using LLama.Exceptions;

namespace JanTune.LlamaSharp;

internal sealed partial class LlamaSharpSweepWorker
{
    protected override string? CpuVariant => LoadedVariant();

    protected override void Begin(WorkerRequest request)
    {
    }

    // Another engine's trial, a GPU backend or a setting LLamaSharp cannot express: refused, never measured as something else.
    protected override string? Refusal(TrialConfig config) => config.Engine != SweepEngine.LlamaSharp
        ? $"engine {config.Engine.Name()} trial sent to the llamasharp worker: not measured"
        : SweepEngines.Refusal(config);

    protected override TrialResult Measure(TrialResult result, WorkerTrial trial, WorkerRequest request)
    {
        var (context, tokens) = Prepare(trial.Config, request.Seed);
        return EdgeSampledMeasurement.Run(result with { CpuVariant = LoadedVariant() }, context, trial.Test, request, tokens, Cancellation).Result;
    }

    protected override void End() => Unload(model: true);

    protected override bool IsTrialFailure(Exception exception) => exception is JanTuneException or RuntimeError or LoadWeightsFailedException;

    /// <summary>
    /// Which of LLamaSharp.Backend.Cpu's builds its loader picked (runtimes/linux-x64/native/&lt;avx level&gt;/libllama.so),
    /// read from the process's mappings; null before the first load.
    /// </summary>
    private static string? LoadedVariant()
    {
        try
        {
            var line = File.ReadLines("/proc/self/maps").FirstOrDefault(l => l.EndsWith("/libllama.so", StringComparison.Ordinal));
            var path = line?[line.IndexOf('/', StringComparison.Ordinal)..];
            return path is null ? null : "llamasharp " + Path.GetFileName(Path.GetDirectoryName(path));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
