namespace JanTune.Core.Sweeps.Tune;

/// <summary>An integer axis of tune.json: explicit values, or "auto" (expanded against the model or machine).</summary>
public sealed record IntAxis(IReadOnlyList<int> Values, bool IsAuto)
{
    public static IntAxis Auto { get; } = new([], true);

    public static IntAxis Of(params int[] values) => new(values, false);

    /// <summary>
    /// GPU layers for a model of <paramref name="layers"/> repeating layers. Auto covers 0 up to layers + 1 (the output
    /// layer is one more offloadable layer, and it matters a lot), in about five steps, always including layers and
    /// layers + 1. Explicit values above layers + 1 collapse to layers + 1.
    /// </summary>
    public IReadOnlyList<int> ExpandGpuLayers(int layers)
    {
        var all = layers + 1;
        if (!IsAuto)
        {
            return Values.Select(v => Math.Min(v, all)).Distinct().ToList();
        }

        if (all <= 8)
        {
            return Enumerable.Range(0, all + 1).ToList();
        }

        var step = (int)Math.Ceiling(all / 4.0);
        return Enumerable.Range(0, (all / step) + 1).Select(i => i * step).Where(v => v < layers)
            .Append(layers).Append(all).Distinct().ToList();
    }

    /// <summary>
    /// n_cpu_moe values for a model of <paramref name="layers"/> layers: auto is 0 to layers in about five steps (layers
    /// itself always included: every expert on the CPU, the rest on the GPU); explicit values above layers collapse to it.
    /// </summary>
    public IReadOnlyList<int> ExpandCpuMoeLayers(int layers)
    {
        if (!IsAuto)
        {
            return Values.Select(v => Math.Min(v, layers)).Distinct().ToList();
        }

        if (layers <= 8)
        {
            return Enumerable.Range(0, layers + 1).ToList();
        }

        var step = (int)Math.Ceiling(layers / 4.0);
        return Enumerable.Range(0, (layers / step) + 1).Select(i => i * step).Where(v => v < layers).Append(layers).Distinct().ToList();
    }

    /// <summary>
    /// Thread counts for <paramref name="physicalCores"/> cores. Auto is every count 1..cores up to 8 cores, then powers
    /// of two plus the core count: more threads than free cores wrecks ggml (its threads busy-wait), so never more.
    /// </summary>
    public IReadOnlyList<int> ExpandThreads(int physicalCores)
    {
        var cores = Math.Max(1, physicalCores);
        if (!IsAuto)
        {
            return Values.Distinct().ToList();
        }

        if (cores <= 8)
        {
            return Enumerable.Range(1, cores).ToList();
        }

        var list = new List<int>();
        for (var t = 1; t < cores; t *= 2)
        {
            list.Add(t);
        }

        list.Add(cores);
        return list;
    }
}
