using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>One configuration an extrapolation check predicted without having trained on it, for one family.</summary>
/// <param name="Config">The held-out configuration.</param>
/// <param name="ModelFile">Its model file.</param>
/// <param name="Rows">Measured rows behind it (tests and repeated trials of the configuration).</param>
/// <param name="Measured">Mean of the measured values, in the target's unit.</param>
/// <param name="Predicted">Mean of the predicted values for the same rows.</param>
/// <param name="Mape">Mean absolute percentage error over its rows, as a fraction.</param>
public sealed record HeldOutConfiguration(TrialConfig Config, string ModelFile, int Rows, double Measured, double Predicted, double Mape)
{
    /// <summary>"1b-q4_0 ngl23 t16 c512 b2048/512 fa-on": the axes a sweep varies, compactly (a table cell).</summary>
    public string Label => string.Join(' ', Parts);

    /// <summary>The parts of <see cref="Label"/>, always in the same order, so a table can leave out those every row shares.</summary>
    public IReadOnlyList<string> Parts =>
    [
        Path.GetFileNameWithoutExtension(ModelFile),
        "ngl" + (Config.GpuLayers < 0 ? "-all" : Config.GpuLayers.ToString(CultureInfo.InvariantCulture)),
        "t" + Config.Threads.ToString(CultureInfo.InvariantCulture),
        "c" + Config.ContextSize.ToString(CultureInfo.InvariantCulture),
        string.Create(CultureInfo.InvariantCulture, $"b{Config.BatchSize}/{Config.UBatchSize}"),
        "fa-" + Config.FlashAttention.ToString().ToLowerInvariant(),
        Config.WeightRepack ? "repack" : "norepack",
        "kv-" + Config.CacheType.ToString().ToLowerInvariant(),
    ];
}
