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
        : this(Ordinary(model), System.IO.Path.GetFileName(model?.Path) ?? string.Empty, seed)
    {
    }

    /// <summary>
    /// From a vocabulary seen through another binding (the llamasharp engine): <paramref name="isOrdinary"/> says which
    /// of the <paramref name="vocabSize"/> ids qualify. The same vocabulary and seed give the same tokens as the
    /// <see cref="LlamaModel"/> constructor, so both engines decode the same prompts.
    /// </summary>
    public RandomTokens(int vocabSize, Func<int, bool> isOrdinary, string modelName, int seed)
        : this(Enumerable.Range(0, vocabSize).Where(isOrdinary ?? throw new ArgumentNullException(nameof(isOrdinary))).ToArray(), modelName, seed)
    {
    }

    private RandomTokens(int[] pool, string modelName, int seed)
    {
        _pool = pool;
        if (_pool.Length == 0)
        {
            throw new JanTuneException($"the model {modelName} has no ordinary tokens to benchmark with");
        }

        // Random(int) is the seeded legacy algorithm: the same sequence in every process and .NET version.
        _random = new Random(seed);
    }

    private static int[] Ordinary(LlamaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Enumerable.Range(0, model.VocabSize)
            .Where(t => t != model.BosToken && t != model.EosToken && !model.IsEndOfGeneration(t) && model.TokenBytes(t).Length > 0)
            .ToArray();
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
