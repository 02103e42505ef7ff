using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Configurations as points in [0,1]^d: log2 of the sizes, 0/1 for switches, NGL as a fraction, each axis scaled
/// over the grid. Used for space-filling designs, for "how far from anything measured" and for nearest trials.
/// </summary>
internal sealed class GridGeometry
{
    private readonly Dictionary<string, double[]> _points = new(StringComparer.Ordinal);

    public GridGeometry(IEnumerable<TrialConfig> configs)
    {
        var list = configs.DistinctBy(c => c.Key).ToList();
        var raw = list.Select(Raw).ToList();
        var d = raw.Count == 0 ? 0 : raw[0].Length;
        for (var j = 0; j < d; j++)
        {
            var min = raw.Min(r => r[j]);
            var span = raw.Max(r => r[j]) - min;
            foreach (var r in raw)
            {
                r[j] = span > 0 ? (r[j] - min) / span : 0;
            }
        }

        for (var i = 0; i < list.Count; i++)
        {
            _points[list[i].Key] = raw[i];
        }
    }

    public double Distance(TrialConfig a, TrialConfig b)
    {
        var pa = Point(a);
        var pb = Point(b);
        var sum = 0.0;
        for (var j = 0; j < pa.Length; j++)
        {
            sum += (pa[j] - pb[j]) * (pa[j] - pb[j]);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The configurations one grid step from <paramref name="config"/> along one axis, every other axis equal: the
    /// neighbours a local optimum must beat, whatever the model believes.
    /// </summary>
    public IEnumerable<TrialConfig> Neighbors(TrialConfig config, IEnumerable<TrialConfig> grid)
    {
        var p = Point(config);
        var candidates = grid.Where(c => c.Key != config.Key).Select(c => (Config: c, Point: Point(c))).ToList();
        for (var j = 0; j < p.Length; j++)
        {
            var line = candidates.Where(c => Enumerable.Range(0, p.Length).All(i => i == j || c.Point[i] == p[i])).ToList();
            var below = line.Where(c => c.Point[j] < p[j]).OrderByDescending(c => c.Point[j]).Select(c => c.Config).FirstOrDefault();
            var above = line.Where(c => c.Point[j] > p[j]).OrderBy(c => c.Point[j]).Select(c => c.Config).FirstOrDefault();
            foreach (var n in new[] { below, above }.OfType<TrialConfig>())
            {
                yield return n;
            }
        }
    }

    public double NearestDistance(TrialConfig config, IEnumerable<TrialConfig> others)
    {
        var best = double.PositiveInfinity;
        foreach (var o in others)
        {
            best = Math.Min(best, Distance(config, o));
        }

        return best;
    }

    /// <summary>Greedy maximin design: each pick is the config farthest from all picked so far (ties by key).</summary>
    public List<TrialConfig> MaximinDesign(IReadOnlyList<TrialConfig> grid, int count)
    {
        var ordered = grid.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var chosen = new List<TrialConfig>();
        if (ordered.Count == 0 || count <= 0)
        {
            return chosen;
        }

        // Start at the point nearest the centre, so the design is not pulled to one corner.
        var centre = ordered.OrderBy(c => Point(c).Sum(v => (v - 0.5) * (v - 0.5))).First();
        chosen.Add(centre);
        while (chosen.Count < Math.Min(count, ordered.Count))
        {
            var next = ordered.Where(c => !chosen.Contains(c)).MaxBy(c => NearestDistance(c, chosen))!;
            chosen.Add(next);
        }

        return chosen;
    }

    private double[] Point(TrialConfig config) => _points.TryGetValue(config.Key, out var p) ? p : Raw(config);

    private static double[] Raw(TrialConfig c) =>
    [
        Math.Log2(Math.Max(1, c.Threads)),
        c.WeightRepack ? 1 : 0,
        Math.Log2(Math.Max(1, c.BatchSize)),
        Math.Log2(Math.Max(1, c.UBatchSize)),
        Math.Log2(Math.Max(1, c.ContextSize)),
        (int)c.FlashAttention,
        (int)c.CacheType,
        c.GpuLayers < 0 ? 1000 : c.GpuLayers,
        c.CpuMoe ? 1000 : c.CpuMoeLayers + (c.OverrideTensor is null ? 0 : Inference.TensorOverrides.Layers(c.OverrideTensor)?.Count ?? 1000),
        Math.Abs(StableHash(c.Backend)) % 7,
        Math.Abs(StableHash(c.ModelPath)) % 11,
    ];

    // string.GetHashCode is randomized per process; distinct categories only need distinct, stable numbers.
    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var ch in s)
        {
            h = unchecked((h * 31) + ch);
        }

        return h;
    }
}
