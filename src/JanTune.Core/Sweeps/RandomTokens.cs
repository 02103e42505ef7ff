using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// Seeded random prompt tokens, like llama-bench's: valid ids only, never BOS, EOS, end-of-generation or control tokens
/// (those render to no text), so every configuration decodes the same kind of input.
/// </summary>
public sealed class RandomTokens
{
    private readonly int[] _pool;
    private readonly Random _random;

    public RandomTokens(LlamaModel model, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        _pool = Enumerable.Range(0, model.VocabSize)
            .Where(t => t != model.BosToken && t != model.EosToken && !model.IsEndOfGeneration(t) && model.TokenBytes(t).Length > 0)
            .ToArray();
        if (_pool.Length == 0)
        {
            throw new JanTuneException($"the model {System.IO.Path.GetFileName(model.Path)} has no ordinary tokens to benchmark with");
        }

        // Random(int) is the seeded legacy algorithm: the same sequence in every process and .NET version.
        _random = new Random(seed);
    }

    /// <summary>The next <paramref name="count"/> tokens.</summary>
    public int[] Next(int count)
    {
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = _pool[_random.Next(_pool.Length)];
        }

        return tokens;
    }
}
