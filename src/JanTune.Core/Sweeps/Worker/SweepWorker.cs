namespace JanTune.Core.Sweeps.Worker;

/// <summary>
/// The npm engine's worker (<c>jantune sweep-worker</c>): binds one backend of the npm llama.cpp build through
/// JanTune.Native and measures each trial with <see cref="EdgeSampledMeasurement"/>.
/// </summary>
public sealed partial class SweepWorker(TextWriter output) : EngineWorker(output)
{
    /// <summary>Serves requests from <paramref name="input"/> until it closes or a cancel arrives.</summary>
    public static Task<int> RunAsync(TextReader input, TextWriter output) => new SweepWorker(output).RunAsync(input);
}
