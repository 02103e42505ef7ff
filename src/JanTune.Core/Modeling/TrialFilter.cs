using System.Globalization;
using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Which trials an extrapolation check trains on (or predicts): clauses joined by commas, all of which must hold, e.g.
/// <c>ngl&lt;=half,model=1b</c>. Axes: <c>ngl</c> (offloaded layers, the output layer counting as one more, so full
/// offload is <c>all</c> = layers + 1 and <c>half</c> is half the repeating layers, both of each trial's own model),
/// <c>threads</c>, <c>batch</c>, <c>ubatch</c>, <c>ctx</c>, and <c>model</c> (the model file name starts with the value,
/// case-insensitive; only <c>=</c> and <c>!=</c>). Operators: <c>&lt;= &gt;= &lt; &gt; = !=</c>.
/// </summary>
public sealed class TrialFilter
{
    private static readonly string[] Operators = ["<=", ">=", "!=", "<", ">", "="];
    private static readonly string[] Axes = ["ngl", "threads", "batch", "ubatch", "ctx", "model"];
    private readonly IReadOnlyList<Func<TrialConfig, ModelFacts, bool>> _clauses;

    private TrialFilter(string text, IReadOnlyList<Func<TrialConfig, ModelFacts, bool>> clauses)
    {
        Text = text;
        _clauses = clauses;
    }

    /// <summary>The filter as written (normalised: no spaces).</summary>
    public string Text { get; }

    /// <summary>Whether a trial's configuration on its model passes every clause.</summary>
    public bool Matches(TrialConfig config, ModelFacts facts) => _clauses.All(c => c(config, facts));

    /// <summary>Parses <c>axis op value[,axis op value…]</c>; an unknown axis, operator or value is a <see cref="JanTuneException"/>.</summary>
    public static TrialFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var clauses = normalised.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Clause).ToList();
        if (clauses.Count == 0)
        {
            throw Error(text, "an empty filter");
        }

        return new TrialFilter(normalised, clauses);
    }

    /// <summary>All of both filters' clauses (either may be null).</summary>
    public static TrialFilter? And(TrialFilter? a, TrialFilter? b) =>
        a is null ? b : b is null ? a : new TrialFilter(a.Text + "," + b.Text, [.. a._clauses, .. b._clauses]);

    public override string ToString() => Text;

    private static Func<TrialConfig, ModelFacts, bool> Clause(string clause)
    {
        var op = Operators.FirstOrDefault(o => clause.Contains(o, StringComparison.Ordinal))
            ?? throw Error(clause, "no operator");
        var at = clause.IndexOf(op, StringComparison.Ordinal);
        var (axis, value) = (clause[..at].ToLowerInvariant(), clause[(at + op.Length)..]);
        if (!Axes.Contains(axis))
        {
            throw Error(clause, $"unknown axis '{axis}'");
        }

        if (axis == "model")
        {
            return op switch
            {
                "=" => (_, f) => f.FileName.StartsWith(value, StringComparison.OrdinalIgnoreCase),
                "!=" => (_, f) => !f.FileName.StartsWith(value, StringComparison.OrdinalIgnoreCase),
                _ => throw Error(clause, "model takes = or != only"),
            };
        }

        Func<ModelFacts, int> bound = value.ToLowerInvariant() switch
        {
            "half" when axis == "ngl" => f => f.Layers / 2,
            "all" when axis == "ngl" => f => f.Layers + 1,
            _ when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => _ => n,
            _ => throw Error(clause, $"'{value}' is not a whole number{(axis == "ngl" ? ", half or all" : string.Empty)}"),
        };
        Func<TrialConfig, ModelFacts, int> read = axis switch
        {
            "ngl" => (c, f) => WeightPlacement.Offload(c, f) is var (layers, output) ? layers + (output ? 1 : 0) : 0,
            "threads" => (c, _) => c.Threads,
            "batch" => (c, _) => c.BatchSize,
            "ubatch" => (c, _) => c.UBatchSize,
            _ => (c, _) => c.ContextSize,
        };
        Func<int, int, bool> compare = op switch
        {
            "<=" => (a, b) => a <= b,
            ">=" => (a, b) => a >= b,
            "<" => (a, b) => a < b,
            ">" => (a, b) => a > b,
            "=" => (a, b) => a == b,
            _ => (a, b) => a != b,
        };
        return (c, f) => compare(read(c, f), bound(f));
    }

    private static JanTuneException Error(string clause, string why) => new(
        $"cannot read the trial filter '{clause}': {why}",
        "write clauses like ngl<=half, threads<=1, ubatch=512 or model=1b, joined by commas (ngl also takes half and all)");
}
